/**
 * A TIDAL device login against the emulator: the client shows a code, the user confirms it on another device, the
 * client polls until it gets a token. Here the emulated user approves at once.
 *
 *   npx tsx examples/tidal-device-login.ts
 */
import { PrivateTIDALAPIClient } from "minim-ts";
import { startEmulator, TIDAL_DEVICE_CLIENT_ID, TIDAL_DEVICE_CLIENT_SECRET } from "minim-ts/emulator";

await using emulator = await startEmulator({ services: ["tidal"], tidal: { deviceUriWithScheme: true } });

await using tidal = await PrivateTIDALAPIClient.create({
  authFlow: "device",
  clientId: TIDAL_DEVICE_CLIENT_ID,
  clientSecret: TIDAL_DEVICE_CLIENT_SECRET,
  scopes: ["r_usr", "w_usr"],
  storeTokens: false, // an example should not write to ~/.minim
  baseUrl: emulator.urls.tidalApi,
  authUrl: `${emulator.urls.tidalLogin}/authorize`,
  tokenUrl: `${emulator.urls.tidalAuth}/v1/oauth2/token`,
  deviceAuthUrl: `${emulator.urls.tidalAuth}/v1/oauth2/device_authorization`,
  loginUrl: emulator.urls.tidalLogin,
  resourceUrl: emulator.urls.tidalResources,
  onAuthorization: ({ verificationUri, userCode }) => {
    console.log(`open ${verificationUri} and enter ${userCode}`);
    emulator.tidal!.approveDevice(userCode!); // what the person would do in a browser
  },
});

const me = await tidal.users.getMe();
const { countryCode } = await tidal.getCountryCode();
console.log(`logged in as user ${me.userId} (${countryCode})`);
const saved = await tidal.users.getUserSavedAlbums();
console.log(`saved albums: ${saved.totalNumberOfItems}`);
