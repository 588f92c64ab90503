var CONFIG = {
  // the site's title
  document_title: "Bread at Home (site)",
  index: "README.md",
  sidebar_file: "nav.md",
};
addConfig(ditto, CONFIG);
ditto.run();
