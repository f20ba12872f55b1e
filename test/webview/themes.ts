/**
 * A subset of the CSS variables VS Code injects into every webview, with the values of the
 * Light+ and Dark+ default themes, so the screenshots look like the panel inside VS Code.
 */
export type ThemeName = 'light' | 'dark';

const common = {
  '--vscode-font-family': '-apple-system, BlinkMacSystemFont, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': 'Menlo, Monaco, "Courier New", monospace',
};

export const THEMES: Record<ThemeName, { bodyClass: string; variables: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    variables: {
      ...common,
      '--vscode-foreground': '#616161',
      '--vscode-descriptionForeground': '#717171',
      '--vscode-editor-background': '#ffffff',
      '--vscode-sideBar-background': '#f3f3f3',
      '--vscode-focusBorder': '#0090f1',
      '--vscode-widget-border': '#d4d4d4',
      '--vscode-panel-border': '#80808059',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-blue': '#1a85ff',
      '--vscode-charts-yellow': '#bf8803',
      '--vscode-charts-red': '#e51400',
      '--vscode-errorForeground': '#a1260d',
      '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-button-background': '#007acc',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#0062a3',
      '--vscode-button-secondaryBackground': '#5f6a79',
      '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-button-secondaryHoverBackground': '#4c5561',
      '--vscode-dropdown-background': '#ffffff',
      '--vscode-dropdown-foreground': '#616161',
      '--vscode-dropdown-border': '#cecece',
      '--vscode-list-hoverBackground': '#e8e8e8',
      '--vscode-list-activeSelectionBackground': '#0060c0',
      '--vscode-list-activeSelectionForeground': '#ffffff',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    variables: {
      ...common,
      '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#ccccccb3',
      '--vscode-editor-background': '#1e1e1e',
      '--vscode-sideBar-background': '#252526',
      '--vscode-focusBorder': '#007fd4',
      '--vscode-widget-border': '#303031',
      '--vscode-panel-border': '#80808059',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-errorForeground': '#f48771',
      '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-button-background': '#0e639c',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#1177bb',
      '--vscode-button-secondaryBackground': '#3a3d41',
      '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-button-secondaryHoverBackground': '#45494e',
      '--vscode-dropdown-background': '#3c3c3c',
      '--vscode-dropdown-foreground': '#f0f0f0',
      '--vscode-dropdown-border': '#3c3c3c',
      '--vscode-list-hoverBackground': '#2a2d2e',
      '--vscode-list-activeSelectionBackground': '#04395e',
      '--vscode-list-activeSelectionForeground': '#ffffff',
    },
  },
};
