/**
 * Builds the task pane into dist/pane/ (npm run build:pane) and serves it over HTTPS on
 * https://localhost:3000/ (npm run dev-server), after Microsoft's React task pane template.
 *
 * CommonJS on purpose: webpack-cli loads .ts or .mjs configs through rechoir, which wants
 * Node 22; this project supports Node 20.
 *
 * Production builds write dist/pane/manifest.xml with OPISTO_PANE_URL (where dist/pane/ is
 * hosted) in place of https://localhost:3000/, and the origin of OPISTO_API_URL (the back office)
 * as the AppDomain. Only the dev server reads the development certificates.
 */
/* eslint-env node */
const path = require('node:path');
const zlib = require('node:zlib');

const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const packageJson = require('./package.json');

const DEV_URL = 'https://localhost:3000/';
const DEV_PORT = 3000;
const DEV_API_DOMAIN = 'https://opisto.example.fr';
const OUTPUT_DIR = path.resolve(__dirname, 'dist', 'pane');

/** Budget for the pane's JavaScript, gzipped, in KB (the benchmark's bundleGzipKB). */
const GZIP_BUDGET_KB = 300;

/**
 * Reads an https address from the environment, or the default of package.json's "config".
 * An invalid address fails the build, because a manifest pointing nowhere fails only in Word.
 */
function readHttpsUrl(name, fallback) {
  const value = process.env[name] || fallback;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} : « ${value} » n’est pas une adresse web complète.`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(`${name} : « ${value} » doit commencer par https:// (Office l’exige).`);
  }
  return url;
}

/** The production addresses, and a warning for each one left at its placeholder default. */
function productionAddresses() {
  const config = packageJson.config;
  const pane = readHttpsUrl('OPISTO_PANE_URL', config.pane_url_prod);
  const api = readHttpsUrl('OPISTO_API_URL', config.api_url_prod);
  const paneUrl = pane.href.endsWith('/') ? pane.href : `${pane.href}/`;

  for (const [name, value] of [
    ['OPISTO_PANE_URL', paneUrl],
    ['OPISTO_API_URL', api.origin],
  ]) {
    if (!process.env[name]) {
      console.warn(
        `Attention : ${name} n’est pas défini ; le manifeste de production utilise ${value}.`,
      );
    }
  }
  return { paneUrl, apiOrigin: api.origin };
}

/** The development manifest with the production addresses in place of the development ones. */
function toProductionManifest(xml, { paneUrl, apiOrigin }) {
  return xml
    .split(DEV_URL)
    .join(paneUrl)
    .split(`<AppDomain>${DEV_API_DOMAIN}</AppDomain>`)
    .join(`<AppDomain>${apiOrigin}</AppDomain>`);
}

/** "Relance 1er rappel.docx" → "relance-1er-rappel.docx", the names STARTER_TEMPLATES serves. */
function starterTemplateFileName(name) {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, '-');
}

/** Prints the gzipped size of the emitted JavaScript, and fails the build over the budget. */
class GzipSizePlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('GzipSizePlugin', (compilation) => {
      const stage = compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT;
      compilation.hooks.processAssets.tap({ name: 'GzipSizePlugin', stage }, (assets) => {
        let total = 0;
        for (const [name, asset] of Object.entries(assets)) {
          if (name.endsWith('.js')) {
            total += zlib.gzipSync(asset.buffer(), { level: 9 }).length;
          }
        }
        const kb = Math.round((total / 1024) * 10) / 10;
        console.log(
          `JavaScript du volet : ${kb} Ko compressé (gzip), budget ${GZIP_BUDGET_KB} Ko.`,
        );
        if (kb > GZIP_BUDGET_KB) {
          compilation.errors.push(
            new Error(`Le JavaScript du volet dépasse ${GZIP_BUDGET_KB} Ko compressé : ${kb} Ko.`),
          );
        }
      });
    });
  }
}

/**
 * HTTPS options for the dev server: the office-addin-dev-certs certificates when they are
 * installed and trusted, otherwise webpack-dev-server's own self-signed certificate, with a
 * message saying what that means. getHttpsServerOptions() is called only when the certificates
 * are already valid, because otherwise it generates new ones and runs sudo to install them.
 */
async function devServerHttps() {
  const devCerts = require('office-addin-dev-certs');
  let trusted = false;
  try {
    trusted = devCerts.verifyCertificates();
  } catch {
    trusted = false;
  }

  if (trusted) {
    const options = await devCerts.getHttpsServerOptions();
    return { type: 'https', options: { ca: options.ca, key: options.key, cert: options.cert } };
  }

  console.warn(
    [
      'Certificats de développement non installés : le volet est servi avec un certificat',
      'auto-signé que Word et le navigateur refuseront tant que vous ne l’aurez pas accepté.',
      'Sous Windows ou macOS, installez-les une fois avec : npx office-addin-dev-certs install',
      `Ailleurs, ouvrez ${DEV_URL}taskpane.html dans le navigateur et acceptez le certificat.`,
    ].join('\n'),
  );
  return { type: 'https' };
}

function htmlPages() {
  const page = (name, chunks) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template: `./src/pane/${name}.html`,
      chunks,
    });
  return [page('taskpane', ['taskpane']), page('commands', ['commands']), page('aide', [])];
}

function copyPatterns(production) {
  const addresses = production ? productionAddresses() : undefined;
  return [
    { from: 'assets/icons/*.png', to: 'assets/[name][ext]' },
    {
      from: 'assets/templates/*.docx',
      to: ({ absoluteFilename }) =>
        `templates/${starterTemplateFileName(path.basename(absoluteFilename))}`,
    },
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: (content) =>
        addresses ? toProductionManifest(content.toString(), addresses) : content,
    },
  ];
}

module.exports = async (env, argv) => {
  const production = argv.mode !== 'development';

  const config = {
    mode: production ? 'production' : 'development',
    // No source maps are served in production: the bundle is minified and nothing maps it back.
    devtool: production ? false : 'eval-source-map',
    entry: {
      taskpane: './src/pane/index.tsx',
      commands: './src/pane/commands.ts',
    },
    output: {
      path: OUTPUT_DIR,
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Types are checked once for the whole project by `npm run lint` (tsc --noEmit);
            // checking them again here tripled the build's time.
            options: { configFile: 'tsconfig.pane.json', transpileOnly: true },
          },
        },
      ],
    },
    plugins: [
      ...htmlPages(),
      new CopyWebpackPlugin({ patterns: copyPatterns(production) }),
      ...(production ? [new GzipSizePlugin()] : []),
    ],
    // The dev server rebuilds on every save: one line per build is enough there.
    stats: production ? 'normal' : 'minimal',
    performance: {
      hints: production ? 'warning' : false,
      maxEntrypointSize: 1024 * 1024,
      maxAssetSize: 1024 * 1024,
    },
  };

  if (env.WEBPACK_SERVE) {
    config.devServer = {
      port: DEV_PORT,
      host: 'localhost',
      server: await devServerHttps(),
      static: false,
      client: {
        overlay: {
          warnings: false,
          errors: true,
          // Chromium reports "ResizeObserver loop completed with undelivered notifications" when
          // the list resizes its rows; it is harmless, but the overlay would cover the pane.
          runtimeErrors: (error) => !/ResizeObserver loop/.test(error.message),
        },
      },
    };
  }
  return config;
};
