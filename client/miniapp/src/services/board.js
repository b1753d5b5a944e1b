"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.replyToPost = exports.getPost = exports.listPosts = void 0;
exports.createPost = createPost;
exports.applyPost = applyPost;
exports.applyReply = applyReply;
const api_1 = require("./api");
const listPosts = (category, cursor) => {
    const q = [`limit=20`, category ? `category=${encodeURIComponent(category)}` : '', cursor ? `cursor=${encodeURIComponent(cursor)}` : ''].filter(Boolean);
    return api_1.api.get(`/posts?${q.join('&')}`);
};
exports.listPosts = listPosts;
const getPost = (id) => api_1.api.get(`/posts/${id}`);
exports.getPost = getPost;
const replyToPost = (id, text) => api_1.api.post(`/posts/${id}/replies`, { text });
exports.replyToPost = replyToPost;
/** Uploads the photos, then creates the post; a failure leaves the caller's draft untouched. */
async function createPost(category, text, photoPaths) {
    await (0, api_1.assertOnline)();
    const photos = [];
    for (const p of photoPaths)
        photos.push((await (0, api_1.uploadFile)(p, 'photo.jpg')).id);
    return api_1.api.post('/posts', { category, text, photos });
}
function applyPost(items, post, category) {
    const fits = post.status === 'published' || post.mine;
    const rest = items.filter((p) => p.id !== post.id);
    if (!fits || (category && post.category !== category))
        return rest;
    return items.some((p) => p.id === post.id) ? items.map((p) => (p.id === post.id ? post : p)) : [post, ...rest];
}
function applyReply(items, e) {
    return items.map((p) => p.id === e.postId && !p.replies.some((r) => r.id === e.reply.id) ? { ...p, replies: [...p.replies, e.reply], replyCount: e.replyCount } : p);
}
