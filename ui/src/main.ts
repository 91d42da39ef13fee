import { mount } from 'svelte';
import './app.css';
import Root from './Root.svelte';
import { markStartup } from './lib/start';

// Imports run first: this is when the whole bundle has been evaluated.
markStartup('script');

const target = document.getElementById('app');
if (!target) throw new Error('Missing #app element');

const app = mount(Root, { target });
markStartup('mounted');

export default app;
