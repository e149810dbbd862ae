// Small inline icons (no icon font: glyphs like ⏭ are missing from many system fonts).
const common = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;

export const PlayIcon = () => <svg {...common} className="icon"><path d="M4 2.5v11l9-5.5z" fill="currentColor" /></svg>;
export const PauseIcon = () => <svg {...common} className="icon"><path d="M4 2.5h3v11H4zM9 2.5h3v11H9z" fill="currentColor" /></svg>;
export const StepIcon = () => <svg {...common} className="icon"><path d="M3 2.5v11l7-5.5z" fill="currentColor" /><path d="M11 2.5h2.2v11H11z" fill="currentColor" /></svg>;
export const ResetIcon = () => (
  <svg {...common} className="icon">
    <path d="M3.2 8a4.8 4.8 0 1 0 1.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    <path d="M2.5 1.8v3.6h3.6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
export const DownloadIcon = () => (
  <svg {...common} className="icon">
    <path d="M8 2v8M4.5 6.8 8 10.3l3.5-3.5M2.5 13.5h11" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
export const GlobeIcon = () => (
  <svg {...common} className="icon">
    <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.4" />
    <path d="M1.8 8h12.4M8 1.8c-3 3.4-3 9 0 12.4M8 1.8c3 3.4 3 9 0 12.4" fill="none" stroke="currentColor" strokeWidth="1.4" />
  </svg>
);
export const FlaskIcon = () => (
  <svg {...common} className="icon">
    <path d="M6 1.8h4M6.7 1.8v4.4L2.6 12.9a.9.9 0 0 0 .8 1.3h9.2a.9.9 0 0 0 .8-1.3L9.3 6.2V1.8" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    <path d="M4.4 10h7.2" stroke="currentColor" strokeWidth="1.4" />
  </svg>
);
export const MoreIcon = () => (
  <svg {...common} className="icon">
    <circle cx="3" cy="8" r="1.5" fill="currentColor" /><circle cx="8" cy="8" r="1.5" fill="currentColor" /><circle cx="13" cy="8" r="1.5" fill="currentColor" />
  </svg>
);
export const KeyboardIcon = () => (
  <svg {...common} className="icon">
    <rect x="1.2" y="3.5" width="13.6" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
    <path d="M4 6.5h1M7.5 6.5h1M11 6.5h1M4.5 9.8h7" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
  </svg>
);
export const LibraryIcon = () => (
  <svg {...common} className="icon">
    <path d="M2 2.5h2.6v11H2zM6 2.5h2.6v11H6z" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
    <path d="m10.2 3.4 2.5-.7 2.4 10.6-2.5.6z" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
  </svg>
);
export const LinkIcon = () => (
  <svg {...common} className="icon">
    <path d="M6.6 9.4a2.6 2.6 0 0 0 3.7 0l2.6-2.6a2.6 2.6 0 0 0-3.7-3.7l-.9.9M9.4 6.6a2.6 2.6 0 0 0-3.7 0L3.1 9.2a2.6 2.6 0 0 0 3.7 3.7l.9-.9" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
  </svg>
);
