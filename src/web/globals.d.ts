// Configuration the server may inject into index.html before the bundle:
//   <script>window.__SHOUWANG__={tileUrl:"https://…/{z}/{x}/{y}.png"}</script>
// Absent or empty tileUrl means the map runs tile-free (offline).
export {};

declare global {
  interface Window {
    __SHOUWANG__?: {
      tileUrl?: string;
      tileAttribution?: string;
      /** 'gcj02' when the tiles are drawn in GCJ-02 (most Chinese basemaps); default WGS84. */
      tileCoords?: 'wgs84' | 'gcj02';
    };
  }
}
