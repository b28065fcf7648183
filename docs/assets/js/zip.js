// A store-only ZIP writer (no compression), enough to re-pack a .docx: CRC-32, a local header
// per file, the central directory and its end record. Loaded only when someone downloads a .docx.

const CRC_TABLE = new Uint32Array(256).map((_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

export function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const UTF8_NAMES = 0x0800; // general purpose flag: file names are UTF-8
const DOS_DATE_1980 = 0x0021; // 1 January 1980, the earliest date ZIP can hold

function header(size, fields) {
  const view = new DataView(new ArrayBuffer(size));
  for (const [offset, bytes, value] of fields) {
    if (bytes === 4) view.setUint32(offset, value, true);
    else view.setUint16(offset, value, true);
  }
  return new Uint8Array(view.buffer);
}

// files: [{ name: "word/document.xml", data: Uint8Array }] -> the .zip as one Uint8Array.
export function zipStore(files) {
  const encoder = new TextEncoder();
  const pieces = [];
  const directory = [];
  let offset = 0;
  for (const file of files) {
    const name = encoder.encode(file.name);
    const crc = crc32(file.data);
    const size = file.data.length;
    const shared = [[6, 2, UTF8_NAMES], [12, 2, DOS_DATE_1980], [14, 4, crc], [18, 4, size], [22, 4, size], [26, 2, name.length]];
    pieces.push(header(30, [[0, 4, 0x04034b50], [4, 2, 20], ...shared]), name, file.data);
    const central = shared.map(([at, bytes, value]) => [at + 2, bytes, value]);
    directory.push(header(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], ...central, [42, 4, offset]]), name);
    offset += 30 + name.length + size;
  }
  const directorySize = directory.reduce((total, piece) => total + piece.length, 0);
  const end = header(22, [[0, 4, 0x06054b50], [8, 2, files.length], [10, 2, files.length], [12, 4, directorySize], [16, 4, offset]]);
  const all = [...pieces, ...directory, end];
  const out = new Uint8Array(all.reduce((total, piece) => total + piece.length, 0));
  let at = 0;
  for (const piece of all) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

// A .docx from its parts ({ "word/document.xml": text, ... }): the letters' and the case file's Word files.
export function docxBlob(parts) {
  const encoder = new TextEncoder();
  const files = Object.entries(parts).map(([name, text]) => ({ name, data: encoder.encode(text) }));
  return new Blob([zipStore(files)], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
}
