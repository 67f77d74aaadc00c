// A session's device in plain words, from the browser's User-Agent header, so that a person can
// recognise their own phone or computer in the list of places they are signed in. A User-Agent
// can say anything: this is a description for people, never a security check.

const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\b(HeadlessChrome|Chrome|Chromium|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

// Order matters: an iPad's and an Android phone's User-Agents also mention Mac OS X and Linux.
const DEVICES: readonly [RegExp, (ua: string) => string][] = [
  [/\biPhone\b/, () => 'an iPhone'],
  [/\biPad\b/, () => 'an iPad'],
  [/\bAndroid\b/, (ua) => (/\bMobile\b/.test(ua) ? 'an Android phone' : 'an Android tablet')],
  [/\bCrOS\b/, () => 'a Chromebook'],
  [/\bWindows\b/, () => 'a Windows computer'],
  [/\bMacintosh\b|\bMac OS X\b/, () => 'a Mac'],
  [/\bLinux\b/, () => 'a Linux computer'],
];

/** "Chrome on a Windows computer", "Safari on an iPhone", or "An unknown device". */
export function describeDevice(userAgent: string | null | undefined): string {
  const ua = userAgent ?? '';
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1];
  const device = DEVICES.find(([pattern]) => pattern.test(ua))?.[1](ua);
  if (browser && device) return `${browser} on ${device}`;
  if (browser) return `${browser} on an unknown device`;
  if (device) return `A browser on ${device}`;
  return 'An unknown device';
}
