export { locateConsoleBuild, registerConsole } from './serve-console';
