// The HTML 500: says plainly that the fault is ours and gives a way to reach a person.
export function ServerErrorPage({ requestId, phone }: { requestId: string; phone: string | null }) {
  return (
    <div className="page-intro page-intro-plain">
      <div className="container narrow">
        <p className="eyebrow">Error 500</p>
        <h1>Something went wrong on our side</h1>
        <p className="lead">
          The page could not be shown just now. Please try again in a minute.
          {phone === null ? null : (
            <>
              {' '}
              If you need us sooner, call <a href={`tel:${phone.replaceAll(' ', '')}`}>{phone}</a>.
            </>
          )}
        </p>
        <p>
          If you tell the clinic about this, quote the reference <code>{requestId}</code>.
        </p>
      </div>
    </div>
  );
}
