import webpack, { Configuration } from "webpack";
import { PATHS } from "./const";
import { resolveFromRoot } from "./utils";

import packs from "../package.json";

const baseConfig = (mode: Configuration["mode"], env: any): Configuration => ({
  mode,
  entry: { app: PATHS.entry },
  output: { path: PATHS.build, publicPath: "auto" },
  plugins: [
    new webpack.container.ModuleFederationPlugin({
      name: "state",
      filename: "remoteEntry.js",
      remotes: {
          app1: "app1@http://localhost:3010/remoteEntry.js",
          host: "host@http://localhost:3009/remoteEntry.js",
      },
      exposes: {
          "./store": resolveFromRoot("src/store/index.ts"),
      },
      shared: {
        ...packs.dependencies,
        react: { eager: true, requiredVersion: packs.dependencies["react"], singleton: true },
        "react-router-dom": { eager: true, requiredVersion: packs.dependencies["react-router-dom"] },
        "react-dom": { eager: true, requiredVersion: packs.dependencies["react-dom"] },
      },
    }),
  ],
});

export default baseConfig;
