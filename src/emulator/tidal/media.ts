/**
 * Bodies for the resources host: a real baseline JPEG of the requested size (one flat grey, so it stays a few
 * kilobytes even at 1280x1280) and a minimal ISO-BMFF (`ftyp` + `mdat`) body for animated artwork.
 */

class BitWriter {
  readonly #bytes: number[] = [];
  #current = 0;
  #count = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.#current = (this.#current << 1) | ((value >> i) & 1);
      this.#count++;
      if (this.#count === 8) this.#flushByte();
    }
  }

  #flushByte(): void {
    this.#bytes.push(this.#current);
    // Entropy-coded data escapes 0xFF so decoders do not read it as a marker.
    if (this.#current === 0xff) this.#bytes.push(0x00);
    this.#current = 0;
    this.#count = 0;
  }

  finish(): number[] {
    // Pad the last byte with 1-bits, as the JPEG standard asks.
    while (this.#count !== 0) this.write(1, 1);
    return this.#bytes;
  }
}

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/**
 * Encodes a `width`x`height` grayscale JPEG of one flat `level` (0–255). Every 8x8 block has only a DC
 * coefficient, so two tiny Huffman tables suffice: DC symbols {0, category of the first block} and AC symbol EOB.
 */
export function solidJpeg(width: number, height: number, level: number): Buffer {
  const shade = Math.max(0, Math.min(255, Math.round(level))) === 128 ? 129 : Math.round(level);
  const dc = 8 * (shade - 128);
  const category = Math.abs(dc).toString(2).length;
  const header = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00]),
    // DC table 0: two codes of length 2 ("00" → category 0, "01" → the first block's category).
    ...segment(0xc4, [0x00, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, category]),
    // AC table 0: one code of length 1 ("0" → end of block).
    ...segment(0xc4, [0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]),
    ...segment(0xda, [0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]),
  ];
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = new BitWriter();
  for (let i = 0; i < blocks; i++) {
    if (i === 0) {
      bits.write(0b01, 2);
      bits.write(dc >= 0 ? dc : dc + (1 << category) - 1, category);
    } else {
      bits.write(0b00, 2);
    }
    bits.write(0, 1);
  }
  return Buffer.from([...header, ...bits.finish(), 0xff, 0xd9]);
}

/** An ISO-BMFF box: 32-bit size, four-character type, payload. */
export function box(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(payload.length + 8, 0);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, payload]);
}

/** A short MP4-like body: a valid `ftyp` box followed by an `mdat` box naming the artwork. */
export function tinyMp4(label: string): Buffer {
  const ftyp = box(
    "ftyp",
    Buffer.concat([
      Buffer.from("isom", "latin1"),
      Buffer.from([0, 0, 2, 0]),
      Buffer.from("isomiso2mp41", "latin1"),
    ]),
  );
  return Buffer.concat([ftyp, box("mdat", Buffer.from(label, "utf8"))]);
}
