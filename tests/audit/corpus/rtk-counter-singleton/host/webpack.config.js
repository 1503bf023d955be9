const path = require("path");
const { ModuleFederationPlugin } = require("webpack").container;

module.exports = {
  entry: path.resolve(__dirname, "src/index.tsx"),
  mode: "development",
  output: { publicPath: "auto" },
  resolve: { extensions: [".ts", ".tsx", ".js", ".jsx"] },
  plugins: [
    new ModuleFederationPlugin({
      name: "host",
      remotes: { remote: "remote@http://localhost:3002/remoteEntry.js" },
      shared: {
        react: { singleton: true, requiredVersion: "^18.2.0" },
        "react-dom": { singleton: true, requiredVersion: "^18.2.0" },
        redux: { singleton: true, requiredVersion: "^4.2.1" },
        "react-redux": { singleton: true, requiredVersion: "^8.1.1" },
      },
    }),
  ],
};
