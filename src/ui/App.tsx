import './App.css';

/** A bell curve in a rounded square: the same mark as public/favicon.svg. */
function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#3730a3" />
      <path d="M4 24.5h24" stroke="#a5b4fc" strokeWidth="1.6" strokeLinecap="round" />
      <path
        d="M4 24c4.2 0 5.6-.8 7.4-5.2C13.2 14.3 14.2 7 16 7s2.8 7.3 4.6 11.8C22.4 23.2 23.8 24 28 24"
        fill="none"
        stroke="#fff"
        strokeWidth="2.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function App() {
  return (
    <div className="page">
      <header className="site-header">
        <div className="brand">
          <Logo />
          <h1>NormScope</h1>
        </div>
        <p className="tagline">Watch batch normalization train, live, in your browser.</p>
      </header>

      <main className="content">
        <section className="intro" aria-labelledby="what-heading">
          <h2 id="what-heading">What it will show</h2>
          <p>
            Two small neural networks learn to read handwritten digits side by side. They are the same
            multilayer perceptron, trained on the same mini-batches, except that one normalizes the inputs
            of each hidden layer with batch normalization. Both train in a Web Worker on your own machine,
            and you watch their loss and accuracy, the distributions inside their hidden layers, and the
            statistics batch normalization keeps, as they change step by step.
          </p>
        </section>

        <section className="compare" aria-label="The two networks">
          <article className="card">
            <h3>Plain network</h3>
            <p className="formula" aria-label="a = f(W x + b)">
              <span>a = f(Wx + b)</span>
            </p>
            <p className="note">Each hidden layer feeds its weighted sum straight into the activation.</p>
          </article>
          <article className="card card-bn">
            <h3>Batch-normalized network</h3>
            <p className="formula" aria-label="x hat = (x minus mu B) over the square root of sigma B squared plus epsilon; y = gamma x hat plus beta">
              <span>
                x̂ = (x − μ<sub>B</sub>) / √(σ<sub>B</sub><sup>2</sup> + ε)
              </span>
              <span>y = γ x̂ + β</span>
            </p>
            <p className="note">
              Each weighted sum is normalized over the mini-batch, then scaled and shifted by learned γ and β.
            </p>
          </article>
        </section>

        <p className="status" role="status">
          <span className="badge">In progress</span>
          The live dashboard is being built; this page is its shell.
        </p>
      </main>

      <footer className="site-footer">
        <p>
          Data: MNIST by Yann LeCun and Corinna Cortes, CC BY-SA 3.0.{' '}
          Formulas follow Ioffe &amp; Szegedy (2015),{' '}
          <cite>Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift</cite>.
        </p>
        <p>NormScope is open source under the MIT license.</p>
      </footer>
    </div>
  );
}
