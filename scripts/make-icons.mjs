// Makes the app's icons (public/icons/*.png) for the web app manifest, from one drawing: a white path
// winding up to a point, on GOV.UK's brand blue. Run `node scripts/make-icons.mjs` after changing the
// drawing, and commit the PNG files (sharp is already a dependency; nothing is made at start).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const BLUE = '#1d70b8';
const out = path.resolve('public/icons');

/** The drawing on a 512 square. `padding` shrinks it into the safe zone that a maskable icon needs. */
function drawing(padding) {
  const scale = (512 - 2 * padding) / 512;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="${BLUE}"/>
  <g transform="translate(${padding} ${padding}) scale(${scale})">
    <path d="M160 450 C160 340 352 340 352 262 S170 190 256 160" fill="none" stroke="#fff" stroke-width="56"
      stroke-linecap="round"/>
    <circle cx="256" cy="78" r="40" fill="#fff"/>
  </g>
</svg>`;
}

const icons = [
  { file: 'icon-192.png', size: 192, padding: 24 },
  { file: 'icon-512.png', size: 512, padding: 24 },
  { file: 'icon-maskable-512.png', size: 512, padding: 96 },
  { file: 'apple-touch-icon.png', size: 180, padding: 40 },
];

await mkdir(out, { recursive: true });
for (const { file, size, padding } of icons) {
  await sharp(Buffer.from(drawing(padding)))
    .resize(size, size)
    .png({ compressionLevel: 9, palette: true })
    .toFile(path.join(out, file));
  console.log(`public/icons/${file}`);
}
