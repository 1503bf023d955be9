const ModuleFederationPlugin = require("webpack/lib/container/ModuleFederationPlugin");

module.exports = {
  entry: "./src/index.js",
  // The remotes are federation requests only: never bundled from disk.
  resolve: { alias: { remoteApp: false, autoruApp: false } },
  plugins: [
    new ModuleFederationPlugin({
      name: "hostApp",
      remotes: {
        remoteApp: "remoteApp@https://remote.example/remoteEntry.js",
        autoruApp: "autoruApp@https://cabinet.example/remoteEntry.js",
      },
      shared: {
        react: { eager: true, singleton: true },
        "react-dom": { eager: true, singleton: true },
        "react-redux": { eager: true, singleton: true },
      },
    }),
  ],
};
