const ModuleFederationPlugin = require("webpack/lib/container/ModuleFederationPlugin");

module.exports = {
  entry: "./src/index.js",
  plugins: [
    new ModuleFederationPlugin({
      name: "remoteApp",
      filename: "remoteEntry.js",
      exposes: { "./RemoteComponent": "./src/components/RemoteComponent.js" },
      shared: {
        react: { eager: true, singleton: true },
        "react-dom": { eager: true, singleton: true },
        "clipboard-polyfill": { eager: true, singleton: true },
      },
    }),
  ],
};
