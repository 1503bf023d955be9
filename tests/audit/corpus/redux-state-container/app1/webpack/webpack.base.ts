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
      name: "app1",
      filename: "remoteEntry.js",
      remotes: {
          host: "host@http://localhost:3009/remoteEntry.js",
          state: "state@http://localhost:3008/remoteEntry.js",
      },
      exposes: {
          "./PostPage": resolveFromRoot("src/pages/PostPage/PostPage.tsx"),
          "./AdminService": resolveFromRoot("src/pages/AdminMain/AdminMain.tsx"),
          "./App1": resolveFromRoot("src/App.tsx"),
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
