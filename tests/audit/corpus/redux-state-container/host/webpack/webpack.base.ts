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
      name: "host",
      filename: "remoteEntry.js",
      remotes: {
          app1: "app1@http://localhost:3010/remoteEntry.js",
          state: "state@http://localhost:3008/remoteEntry.js",
      },
      exposes: {
          "./MainLayout": resolveFromRoot("src/components/MainLayout/MainLayout"),
          "./Host": resolveFromRoot("src/App.tsx"),
          "./AuthContext": resolveFromRoot("src/context/AuthContext"),
      },
      shared: {
        ...packs.dependencies,
        react: { eager: true, requiredVersion: packs.dependencies["react"], singleton: true },
        "react-router-dom": { eager: true, requiredVersion: packs.dependencies["react-router-dom"] },
        "react-dom": { eager: true, requiredVersion: packs.dependencies["react-dom"] },
        "./src/context/AuthContext": {},
      },
    }),
  ],
});

export default baseConfig;
