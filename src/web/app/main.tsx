// Entry of the browser app: theme, clinic data, the session and routes, mounted under /app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { MantineProvider } from '@mantine/core';
import '@mantine/core/styles.css';
import './app.css';
import { cssVariablesResolver, theme } from './theme.ts';
import { ClinicProvider } from './api/clinic.tsx';
import { SessionProvider } from './auth/session-context.tsx';
import { AppRoutes } from './app-routes.tsx';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <ClinicProvider>
        <BrowserRouter basename="/app">
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </ClinicProvider>
    </MantineProvider>
  </StrictMode>,
);
