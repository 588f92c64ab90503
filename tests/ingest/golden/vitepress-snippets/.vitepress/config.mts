// Marks this folder as the VitePress source root: `@/` in a snippet line means this folder.
export default { title: 'Ferry timetable' }
