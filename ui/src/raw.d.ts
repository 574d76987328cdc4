// Text files imported as strings by Vite (`?raw`), for tests that read app.css.
declare module "*.css?raw" {
  const text: string;
  export default text;
}
