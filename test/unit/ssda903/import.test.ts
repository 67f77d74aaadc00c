// Reading an SSDA903 return (issue 11 §4): the DfE column names and codes (903 guidance; reference
// statutory.md §3.1–3.2), dates as dd/mm/yyyy, both sex code sets, and every error with its file, line,
// column and reason. Made-up children only.
import { describe, expect, it } from 'vitest';
import { readDate, readFile, readSex } from '../../../src/domain/ssda903/files.ts';
import { readReturn } from '../../../src/domain/ssda903/return.ts';

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
const lines = (...l: string[]) => `${l.join('\n')}\n`;
const good = () => ({
  'header.csv': lines(HEADER, 'A1,1,01/02/2009,WBRI,A123456789012,,', 'B2,F,15/06/2008,BAFR,,,'),
  'episodes.csv': lines(
    EPISODES,
    'A1,01/03/2024,S,C2,N1,U4,PR1,01/09/2024,X1,CARPL,LS1 1AA,LS2 2BB,SC123456',
    'A1,01/09/2024,P,C2,N1,K2,PR4,,,,,,',
    'B2,10/10/2023,S,V2,N4,H5,PR4,,,,,,',
  ),
  'uasc.csv': lines('CHILD,SEX,DOB,DUC', 'B2,2,15/06/2008,'),
});

describe('dates as the DfE files write them (dd/mm/yyyy)', () => {
  it.each([
    ['01/02/2009', '2009-02-01'],
    ['1/2/2009', '2009-02-01'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2023', null],
    ['31/04/2024', null],
    ['2024-04-01', null],
    ['01/13/2024', null],
    ['', null],
  ])('%s reads as %s', (raw, iso) => expect(readDate(raw)).toBe(iso));
});

describe('SEX: the older (1/2) and newer (M/F) code sets', () => {
  it.each([
    ['1', 'male'],
    ['2', 'female'],
    ['M', 'male'],
    ['f', 'female'],
    ['0', null],
    ['9', null],
    ['X', null],
  ])('%s is %s', (raw, sex) => expect(readSex(raw)).toBe(sex));
});

describe('one file: columns by their DfE names, codes from the DfE lists', () => {
  it('reads a header file with a byte-order mark, CRLF, Excel quoting and columns in another order', () => {
    const text = '\uFEFFDOB,"CHILD",SEX,ETHNIC,UPN,MOTHER,MC_DOB,EXTRA\r\n01/02/2009,"A1",M,wbri,,,,x\r\n';
    const { rows, errors } = readFile('header.csv', text);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        valid: true,
        values: { CHILD: 'A1', SEX: 'male', DOB: '2009-02-01', ETHNIC: 'WBRI', UPN: null, MOTHER: null, MC_DOB: null },
      },
    ]);
  });

  it.each([
    ['header.csv', lines('CHILD,SEX,DOB,UPN,MOTHER,MC_DOB', 'A1,1,01/01/2009,,,'), 1, 'ETHNIC', 'missing'],
    ['header.csv', lines(HEADER, 'A1,1,31/02/2009,WBRI,,,'), 2, 'DOB', 'dd/mm/yyyy'],
    ['header.csv', lines(HEADER, 'A1,3,01/02/2009,WBRI,,,'), 2, 'SEX', 'sex code'],
    ['header.csv', lines(HEADER, 'A1,1,01/02/2009,ZZZZ,,,'), 2, 'ETHNIC', 'DfE codes'],
    ['header.csv', lines(HEADER, ',1,01/02/2009,WBRI,,,'), 2, 'CHILD', 'value is needed'],
    ['episodes.csv', lines(EPISODES, 'A1,01/03/2024,S,Q9,N1,U4,,,,,,,'), 2, 'LS', 'DfE codes'],
    ['episodes.csv', lines(EPISODES, 'A1,01/03/2024,S,C2,N1,XX,,,,,,,'), 2, 'PLACE', 'DfE codes'],
    ['episodes.csv', lines(EPISODES, 'A1,01/03/2024,S,C2,N9,U4,,,,,,,'), 2, 'CIN', 'DfE codes'],
    ['episodes.csv', lines(EPISODES, 'A1,01/03/2024,Z,C2,N1,U4,,,,,,,'), 2, 'RNE', 'DfE codes'],
    ['episodes.csv', lines(EPISODES, 'A1,01/03/2024,S,C2,N1,U4,PR9,,,,,,'), 2, 'PLACE_PROVIDER', 'DfE codes'],
    ['episodes.csv', lines(EPISODES, 'A1,01/03/2024,S,C2,N1,U4,,01/04/2024,E99,,,,'), 2, 'REC', 'DfE codes'],
    ['episodes.csv', lines(EPISODES, 'A1,01/03/2024,S,C2,N1,U4,,,,NOPE,,,'), 2, 'REASON_PLACE_CHANGE', 'DfE codes'],
    // OC3 codes: validator rules 131 (IN_TOUCH), 132 (ACTIV), 133 (ACCOM: S1 and X1 are not valid).
    ['oc3.csv', lines('CHILD,DOB,IN_TOUCH,ACTIV,ACCOM', 'A1,01/02/2009,MAYBE,F1,U1'), 2, 'IN_TOUCH', 'DfE codes'],
    ['oc3.csv', lines('CHILD,DOB,IN_TOUCH,ACTIV,ACCOM', 'A1,01/02/2009,YES,F3,U1'), 2, 'ACTIV', 'DfE codes'],
    ['oc3.csv', lines('CHILD,DOB,IN_TOUCH,ACTIV,ACCOM', 'A1,01/02/2009,YES,F1,S1'), 2, 'ACCOM', 'DfE codes'],
    ['oc3.csv', lines('CHILD,DOB,IN_TOUCH,ACTIV,ACCOM', 'A1,01/02/2009,YES,F1,X1'), 2, 'ACCOM', 'DfE codes'],
    [
      'reviews.csv',
      lines('CHILD,DOB,REVIEW,REVIEW_CODE', 'A1,01/02/2009,01/05/2024,PN8'),
      2,
      'REVIEW_CODE',
      'DfE codes',
    ],
    [
      'missing.csv',
      lines('CHILD,DOB,MISSING,MIS_START,MIS_END', 'A1,01/02/2009,Q,01/05/2024,'),
      2,
      'MISSING',
      'DfE codes',
    ],
    [
      'people.csv',
      lines("CHILD,given name,family name,preferred name,team,adviser's email,social worker's email", 'A1,Ann,,,,,'),
      2,
      'family name',
      'value is needed',
    ],
    [
      'people.csv',
      lines(
        "CHILD,given name,family name,preferred name,team,adviser's email,social worker's email",
        'A1,Ann,Bee,,,not-an-email,',
      ),
      2,
      "adviser's email",
      'email',
    ],
  ] as const)('%s: a bad row (%#) gives line %i, column %s', (file, text, line, column, reason) => {
    const { errors } = readFile(file, text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file, line, column });
    expect(errors[0].reason).toContain(reason);
  });

  it.each([
    ['oc3.csv', 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM', 'A1,01/02/2009,YES,F5,S2'],
    ['oc3.csv', 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM', 'A1,01/02/2009,NO,0,0'],
    ['reviews.csv', 'CHILD,DOB,REVIEW,REVIEW_CODE', 'A1,01/02/2009,01/05/2024,PN1'],
    ['missing.csv', 'CHILD,DOB,MISSING,MIS_START,MIS_END', 'A1,01/02/2009,M,01/05/2024,03/05/2024'],
  ] as const)('%s accepts %s / %s', (file, head, row) => {
    expect(readFile(file, lines(head, row)).errors).toEqual([]);
  });

  it('collects every error in a file, not just the first', () => {
    const { errors } = readFile('header.csv', lines(HEADER, 'A1,7,01/02/2009,WBRI,,,', 'B2,1,40/01/2009,NOPE,,,'));
    expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual(['2:SEX', '3:DOB', '3:ETHNIC']);
  });

  it('says when the CSV itself cannot be read (an unclosed quote)', () => {
    const { errors } = readFile('header.csv', lines(HEADER, 'A1,1,"01/02/2009,WBRI,,,'));
    expect(errors).toHaveLength(1);
    expect(errors[0].reason).toContain('cannot be read as CSV');
  });
});

describe('a whole return', () => {
  const REVIEWS = 'CHILD,DOB,REVIEW,REVIEW_CODE';
  const MISSING = 'CHILD,DOB,MISSING,MIS_START,MIS_END';
  it('reads each child’s looked-after reviews and missing episodes', () => {
    const { children, errors } = readReturn({
      ...good(),
      'reviews.csv': lines(REVIEWS, 'A1,01/02/2009,01/05/2024,PN1', 'A1,01/02/2009,01/11/2024,pn6'),
      'missing.csv': lines(MISSING, 'A1,01/02/2009,M,01/05/2024,03/05/2024', 'B2,15/06/2008,A,02/02/2025,'),
    });
    expect(errors).toEqual([]);
    const [a1, b2] = children;
    expect(a1.reviews.map((r) => [r.reviewedOn, r.participation])).toEqual([
      ['2024-05-01', 'PN1'],
      ['2024-11-01', 'PN6'],
    ]);
    expect(a1.missing).toEqual([{ line: 2, kind: 'M', startDate: '2024-05-01', endDate: '2024-05-03' }]);
    expect(b2.missing).toEqual([{ line: 3, kind: 'A', startDate: '2025-02-02', endDate: null }]);
  });

  it.each([
    [
      'reviews.csv',
      lines(REVIEWS, 'A1,01/02/2009,01/05/2024,PN1', 'A1,01/02/2009,01/05/2024,PN2'),
      3,
      'CHILD',
      'already on line 2',
    ],
    ['reviews.csv', lines(REVIEWS, 'A1,01/02/2009,01/05/2008,PN1'), 2, 'REVIEW', 'before the date of birth'],
    ['reviews.csv', lines(REVIEWS, 'Q9,01/02/2009,01/05/2024,PN1'), 2, 'CHILD', 'not in header.csv'],
    ['missing.csv', lines(MISSING, 'A1,01/02/2009,M,05/05/2024,04/05/2024'), 2, 'MIS_END', 'on or after it starts'],
    ['missing.csv', lines(MISSING, 'A1,01/02/2009,M,05/05/2008,'), 2, 'MIS_START', 'before the date of birth'],
    [
      'missing.csv',
      lines(MISSING, 'A1,01/02/2009,M,05/05/2024,', 'A1,01/02/2009,M,05/05/2024,06/05/2024'),
      3,
      'CHILD',
      'already on line 2',
    ],
    ['missing.csv', lines(MISSING, 'A1,02/02/2009,M,05/05/2024,'), 2, 'DOB', 'not the one in header.csv'],
  ] as const)('%s across the return: line %i, column %s (%#)', (file, text, line, column, reason) => {
    const { errors } = readReturn({ ...good(), [file]: text });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file, line, column });
    expect(errors[0].reason).toContain(reason);
  });

  it('reads children, their episodes in date order and the UASC flag', () => {
    const { children, errors, rows } = readReturn(good());
    expect(errors).toEqual([]);
    expect(rows).toEqual({ 'header.csv': 2, 'episodes.csv': 3, 'uasc.csv': 1 });
    const a1 = children.find((c) => c.child === 'A1');
    expect(a1).toMatchObject({ sex: 'male', dateOfBirth: '2009-02-01', upn: 'A123456789012', person: null });
    expect(a1?.episodes.map((e) => [e.startDate, e.endDate, e.placementType])).toEqual([
      ['2024-03-01', '2024-09-01', 'U4'],
      ['2024-09-01', null, 'K2'],
    ]);
    expect(a1?.episodes[0]).toMatchObject({ homePostcode: 'LS1 1AA', placementPostcode: 'LS2 2BB', urn: 'SC123456' });
    expect(children.find((c) => c.child === 'B2')).toMatchObject({ sex: 'female', unaccompaniedAsylumSeeking: true });
  });

  it.each([
    [
      'a duplicate CHILD in the header',
      { 'header.csv': lines(HEADER, 'A1,1,01/02/2009,WBRI,,,', 'A1,1,01/02/2009,WBRI,,,') },
      { file: 'header.csv', line: 3, column: 'CHILD' },
    ],
    ['no episodes.csv', { 'episodes.csv': undefined }, { file: 'episodes.csv', line: 0, column: '' }],
    [
      'an episode for a child not in the header',
      { 'episodes.csv': lines(EPISODES, 'Z9,01/03/2024,S,C2,N1,U4,,,,,,,') },
      { file: 'episodes.csv', line: 2, column: 'CHILD' },
    ],
    [
      'an episode that ends before it starts',
      { 'episodes.csv': lines(EPISODES, 'A1,01/03/2024,S,C2,N1,U4,,01/02/2024,E13,,,,') },
      { file: 'episodes.csv', line: 2, column: 'DEC' },
    ],
    [
      'an episode that ends with no reason (REC)',
      { 'episodes.csv': lines(EPISODES, 'A1,01/03/2024,S,C2,N1,U4,,01/04/2024,,,,,') },
      { file: 'episodes.csv', line: 2, column: 'REC' },
    ],
    [
      'a reason ended (REC) with no end (DEC)',
      { 'episodes.csv': lines(EPISODES, 'A1,01/03/2024,S,C2,N1,U4,,,E13,,,,') },
      { file: 'episodes.csv', line: 2, column: 'DEC' },
    ],
    [
      'two episodes starting the same day',
      { 'episodes.csv': lines(EPISODES, 'A1,01/03/2024,S,C2,N1,U4,,,,,,,', 'A1,01/03/2024,P,C2,N1,K2,,,,,,,') },
      { file: 'episodes.csv', line: 3, column: 'DECOM' },
    ],
    [
      'a UASC row whose DOB is not the header’s',
      { 'uasc.csv': lines('CHILD,SEX,DOB,DUC', 'B2,2,16/06/2008,') },
      { file: 'uasc.csv', line: 2, column: 'DOB' },
    ],
    [
      'a duplicate CHILD in people.csv',
      {
        'people.csv': lines(
          "CHILD,given name,family name,preferred name,team,adviser's email,social worker's email",
          'A1,Ann,Bee,,,,',
          'A1,Ann,Cee,,,,',
        ),
      },
      { file: 'people.csv', line: 3, column: 'CHILD' },
    ],
  ])('%s is an error', (_name, change, where) => {
    const files: Record<string, string> = { ...good() };
    for (const [k, val] of Object.entries(change)) {
      if (val === undefined) delete files[k];
      else files[k] = val;
    }
    const { errors } = readReturn(files);
    expect(errors).toContainEqual(expect.objectContaining(where));
  });

  it('lists errors from several files together', () => {
    const files = {
      ...good(),
      'header.csv': lines(HEADER, 'A1,1,01/02/2009,WBRI,,,', 'B2,F,15/13/2008,BAFR,,,'),
      'oc3.csv': lines('CHILD,DOB,IN_TOUCH,ACTIV,ACCOM', 'A1,01/02/2009,PERHAPS,,'),
    };
    const { errors } = readReturn(files);
    expect(errors.map((e) => `${e.file}:${e.line}:${e.column}`)).toEqual(['header.csv:3:DOB', 'oc3.csv:2:IN_TOUCH']);
  });

  it('finds files whatever the case of their names', () => {
    const { 'header.csv': h, ...rest } = good();
    expect(readReturn({ ...rest, 'Header.CSV': h }).errors).toEqual([]);
  });
});
