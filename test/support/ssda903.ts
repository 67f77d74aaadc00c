// A small synthetic SSDA903 return for import tests: made-up children, DfE column names and codes.
import type { CouncilRows } from '../../src/seed/generator.ts';

export const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
export const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
export const PEOPLE = "CHILD,given name,family name,preferred name,team,adviser's email,social worker's email";
export const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

/** A team of the council with an active personal adviser and social worker, and those two. */
export function teamWithWorkers(rows: CouncilRows) {
  for (const team of rows.teams) {
    const pa = rows.staff.find((s) => s.teamId === team.id && s.role === 'personal_adviser' && s.active !== false);
    const sw = rows.staff.find((s) => s.teamId === team.id && s.role === 'social_worker' && s.active !== false);
    if (pa && sw) return { team, pa, sw };
  }
  throw new Error('no team with both an adviser and a social worker');
}

/**
 * Three children with ids unique to this call: X has a people.csv row with a team and both workers,
 * Y a row with names only (team from the import's default), Z none (named by its CHILD id).
 */
export function sampleReturn(rows: CouncilRows, tag: string) {
  const { team, pa, sw } = teamWithWorkers(rows);
  const ids = { x: `${tag}X`, y: `${tag}Y`, z: `${tag}Z` };
  return {
    ids,
    team,
    pa,
    sw,
    files: {
      'header.csv': csv(
        HEADER,
        `${ids.x},1,01/02/2008,WBRI,A123456789012,,`,
        `${ids.y},F,15/06/2008,BAFR,,,`,
        `${ids.z},2,03/03/2009,MWBA,,,`,
      ),
      'episodes.csv': csv(
        EPISODES,
        `${ids.x},01/03/2024,S,C2,N1,U4,PR1,01/09/2024,X1,CARPL,LS1 1AA,LS2 2BB,SC123456`,
        `${ids.x},01/09/2024,P,C2,N1,K2,PR4,,,,,,`,
        `${ids.y},10/10/2023,S,V2,N4,H5,PR4,,,,,,`,
        `${ids.z},05/05/2025,S,C1,N2,U6,PR1,,,,,,`,
      ),
      'uasc.csv': csv('CHILD,SEX,DOB,DUC', `${ids.y},2,15/06/2008,`),
      'oc3.csv': csv('CHILD,DOB,IN_TOUCH,ACTIV,ACCOM', `${ids.x},01/02/2008,YES,F2,D1`),
      'people.csv': csv(
        PEOPLE,
        `${ids.x},Ada,Testperson,Addy,${team.name},${pa.email},${sw.email}`,
        `${ids.y},Bea,Madeupname,,,,`,
      ),
    } as Record<string, string>,
  };
}
