import path from "path";

// Paths from where npm runs the build: the package's folder.
export const resolveFromRoot = path.resolve.bind(null, process.cwd()) as typeof path.resolve;
