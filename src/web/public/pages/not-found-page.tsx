// The HTML 404: friendly, with a way back to what people usually look for.
import { links } from '../site-context.ts';

export function NotFoundPage() {
  return (
    <div className="page-intro page-intro-plain">
      <div className="container narrow">
        <p className="eyebrow">Error 404</p>
        <h1>We could not find that page</h1>
        <p className="lead">
          The address may be mistyped, or the page may have moved. These are the places most people are looking for:
        </p>
        <ul className="link-list">
          <li>
            <a href="/">Home</a>
          </li>
          <li>
            <a href="/treatments">Treatments and prices</a>
          </li>
          <li>
            <a href="/about">About us and contact details</a>
          </li>
          <li>
            <a href={links.portal}>Patient portal</a>
          </li>
        </ul>
      </div>
    </div>
  );
}
