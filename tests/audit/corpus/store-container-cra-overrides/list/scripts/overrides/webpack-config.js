// react-scripts' own webpack config, with the federation plugin added before `start` and `build` run.
const { ModuleFederationPlugin } = require("webpack").container;

const path = "react-scripts/config/webpack.config";
const create = require(path);

require.cache[require.resolve(path)].exports = (env) => {
  const config = create(env);
  config.plugins.push(new ModuleFederationPlugin(require("../../modulefederation.config.js")));
  config.output.publicPath = "auto";
  return config;
};
