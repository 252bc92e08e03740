// Renderer entry: picks the StudioApi transport (preload bridge or web client) and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getStudioApi } from './api';
import { App } from './components/app';
import { StartupError } from './components/startup-error';
import './styles/base.css';
import './styles/layout.css';
import './styles/gallery.css';
import './styles/jobs.css';
import './styles/dialogs.css';
import './styles/viewer.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html: element #root is missing');
const root = createRoot(container);

try {
  const api = getStudioApi();
  root.render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
} catch (error) {
  root.render(<StartupError error={error} />);
}
