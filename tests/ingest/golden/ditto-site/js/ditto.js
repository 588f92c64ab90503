var ditto = {
    content_id: "#content",
    sidebar_id: "#sidebar",
    index: "README.md",
    sidebar_file: "sidebar.md",
    run: initialize
};
function initialize() { $.get(ditto.sidebar_file, function (data) { $(ditto.sidebar_id).html(marked(data)); }); }
