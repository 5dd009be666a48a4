namespace Outreach.Residents.Import;

/// <summary>A prepared statement of the import that writes one or more rows of <typeparamref name="T"/> per execution.</summary>
internal abstract class ImportStatement<T>(ImportStatementColumn<T>[] columns) : IDisposable
{
    /// <summary>Sets the parameters of the <paramref name="row"/>th row the statement writes.</summary>
    public void Bind(int row, T source)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c].Bind(this, row * columns.Length + c, source);
        }
    }

    public abstract Task ExecuteAsync(CancellationToken cancellationToken);

    /// <summary>Runs the statement once, synchronously: for loops over many rows on a database whose calls are synchronous anyway (SQLite).</summary>
    public abstract void Execute();

    // The setters of the statement's parameterth parameter (in the order the rows' columns were named), one per provider type.
    public abstract void SetNull(int parameter);

    public abstract void SetText(int parameter, string value);

    public abstract void SetInteger(int parameter, long value);

    public abstract void SetDate(int parameter, DateOnly value);

    /// <summary>A value of another type, as ADO.NET takes it (PostgreSQL's instants); SQLite's statements are given none.</summary>
    public abstract void SetOther(int parameter, object value);

    public abstract void Dispose();
}
