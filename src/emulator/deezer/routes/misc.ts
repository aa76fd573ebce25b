/** `GET /infos` (country information, no token needed) and `GET /options` (the token's account entitlements). */
import type { RouteTable } from "../context.js";
import { requireToken } from "../context.js";
import { fail, ok } from "../errors.js";
import { md5Hex } from "../util.js";
import { userOptions } from "./users.js";

export function miscRoutes(r: RouteTable): void {
  r.add("GET", "/infos", (ctx) =>
    ok({
      country_iso: "FR",
      country: "France",
      open: true,
      pop: "fr",
      upload_token: md5Hex(`upload:${ctx.token?.userId ?? "anonymous"}`),
      upload_token_lifetime: 14400,
      user_token: md5Hex(`user:${ctx.token?.userId ?? "anonymous"}`),
      hosts: {
        stream: "http://e-cdn-proxy-{0}.deezer.com/mobile/1/",
        images: "http://cdn-images.dzcdn.net/images",
      },
      ads: {
        audio: { default: { start: 1, interval: 3, unit: "track" } },
        display: { interstitial: { start: 900, interval: 900, unit: "sec" } },
        big_native_ads_home: {
          iphone: { enabled: false },
          ipad: { enabled: false },
          android: { enabled: false },
          android_tablet: { enabled: false },
        },
      },
      has_podcasts: true,
      offers: [],
      lyrics_available: true,
    }),
  );

  // The top-level form of `/user/me/options`, which other clients call.
  r.add("GET", "/options", (ctx) => {
    const token = requireToken(ctx);
    const user = ctx.state.users.get(token.userId) ?? fail.noData();
    return ok(userOptions(user));
  });
}
