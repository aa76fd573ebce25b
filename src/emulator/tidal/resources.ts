/**
 * The resources host (resources.tidal.com): artwork at `/images/{uuid split on "-"}/{WxH|origin}.jpg` and
 * animated artwork at `/videos/{…}/{WxH}.mp4`. Only artwork UUIDs present in the seed (or created playlists) are
 * served, and only in the sizes of their kind (spec §2.11), as the real host serves listed sizes only.
 */
import type { EmulatorReply, RoleRouter } from "../types.js";
import type { TidalService } from "./service.js";
import { solidJpeg, tinyMp4 } from "./media.js";
import { stableNumber } from "./util.js";

const NOT_FOUND: EmulatorReply = {
  status: 404,
  headers: { "content-type": "application/xml" },
  text: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>\n',
};

function parseSize(size: string): { width: number; height: number } | undefined {
  const match = /^(\d{1,4})x(\d{1,4})$/.exec(size);
  if (!match) return undefined;
  return { width: Number(match[1]), height: Number(match[2]) };
}

export function installResourceRoutes(router: RoleRouter, svc: () => TidalService): void {
  router.fallback(() => NOT_FOUND);
  router.add("GET", "/images/:a/:b/:c/:d/:e/:file", (req) => {
    const s = svc();
    const { a, b, c, d, e, file } = req.params;
    const uuid = [a, b, c, d, e].join("-").toLowerCase();
    const entry = s.state.artwork.get(uuid);
    const match = /^(.+)\.jpg$/.exec(file ?? "");
    if (!entry || entry.animated || !match) return NOT_FOUND;
    const sizes = s.state.artworkSizes(uuid) ?? [];
    const name = match[1] as string;
    // `origin` is the largest stored rendition.
    const size = name === "origin" ? sizes[0] : sizes.includes(name) ? name : undefined;
    const parsed = size === undefined ? undefined : parseSize(size);
    if (!parsed) return NOT_FOUND;
    return {
      status: 200,
      headers: { "content-type": "image/jpeg", "cache-control": "public, max-age=31536000" },
      body: solidJpeg(parsed.width, parsed.height, 40 + stableNumber(uuid, 176)),
    };
  });

  router.add("GET", "/videos/:a/:b/:c/:d/:e/:file", (req) => {
    const s = svc();
    const { a, b, c, d, e, file } = req.params;
    const uuid = [a, b, c, d, e].join("-").toLowerCase();
    const entry = s.state.artwork.get(uuid);
    const match = /^(\d+x\d+)\.mp4$/.exec(file ?? "");
    if (!entry || !entry.animated || !match) return NOT_FOUND;
    if (!(s.state.artworkSizes(uuid) ?? []).includes(match[1] as string)) return NOT_FOUND;
    return {
      status: 200,
      headers: { "content-type": "video/mp4", "cache-control": "public, max-age=31536000" },
      body: tinyMp4(`${uuid}/${match[1]}`),
    };
  });
}
