/**
 * DOT → SVG → PNG, in WebAssembly, so that no system Graphviz or image library is needed:
 * @hpcc-js/wasm-graphviz lays out the DOT that dot.ts writes, and @resvg/resvg-wasm rasterises
 * the SVG. Both are imported here on first use only (their wasm takes a few hundred
 * milliseconds to load), never when `ordo` starts.
 *
 * resvg sees no system fonts: it gets DejaVu Sans Mono from the dejavu-fonts-ttf package as the
 * monospace family, which the SVG asks for (dot.ts sets Courier, which Graphviz writes as
 * `Courier,monospace`); its glyphs are as wide as Courier's, the widths Graphviz sized the
 * boxes for.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Lays out DOT as SVG. */
export async function dotToSvg(dot: string): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot, 'svg');
}

let resvgReady: Promise<void> | null = null;

/** Rasterises SVG as PNG, at twice the SVG's size (sharp on high-density screens). */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const resvg = await import('@resvg/resvg-wasm');
  resvgReady ??= resvg.initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  await resvgReady;
  const font = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'));
  const image = new resvg.Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
    font: { fontBuffers: [font], defaultFontFamily: 'DejaVu Sans Mono', monospaceFamily: 'DejaVu Sans Mono', loadSystemFonts: false },
  });
  return image.render().asPng();
}

/** The output format an `-o` path asks for, by its extension. */
export type ImageFormat = 'dot' | 'svg' | 'png';

export function formatOfPath(path: string): ImageFormat | null {
  const m = /\.([A-Za-z]+)$/.exec(path);
  const ext = m ? m[1]!.toLowerCase() : '';
  switch (ext) {
    case 'dot':
    case 'gv':
      return 'dot';
    case 'svg':
      return 'svg';
    case 'png':
      return 'png';
    default:
      return null;
  }
}

/** The bytes to write for `format`, from the DOT text. */
export async function renderImage(dot: string, format: ImageFormat): Promise<string | Uint8Array> {
  switch (format) {
    case 'dot':
      return dot;
    case 'svg':
      return dotToSvg(dot);
    case 'png':
      return svgToPng(await dotToSvg(dot));
  }
}
