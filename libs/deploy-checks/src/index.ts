// Deliberately empty: this library holds only tests of deploy/ (manifests, compose file).
export {};
