/**
 * `pledge/data`: the dataset that ships with the package (NATO's releases kept as vintages, SIPRI and
 * the IMF's WEO, validated when the bundle was built), for Node. In a browser, fetch
 * `pledge/data/dataset.json` and pass it to `decodeBundle` and `createDataset` from `pledge/core`.
 */
export { type Bundle, type DecodedBundle, decodeBundle } from "../data/bundle.ts";
export { BUNDLE_FILE, findDataDir, loadDataset } from "../data/load-dataset.ts";
export { inputsSha256, readDatasetFromCsv } from "../data/read-csv-dataset.ts";
export { createDataset, type Dataset, type DatasetParts } from "../model/dataset.ts";
