namespace Outreach.Residents.Import;

/// <summary>A prepared statement of the import that writes one or more rows of <typeparamref name="T"/> per execution.</summary>
internal abstract class ImportStatement<T>(ImportStatementColumn<T>[] columns) : IDisposable
{
    /// <summary>Sets the parameters of the <paramref name="row"/>th row the statement writes.</summary>
    public void Bind(int row, T source)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            Set(row * columns.Length + c, columns[c].ProviderValue(source));
        }
    }

    public abstract Task ExecuteAsync(CancellationToken cancellationToken);

    /// <summary>Sets the statement's <paramref name="parameter"/>th parameter (in the order the rows' columns were named) to a provider value.</summary>
    protected abstract void Set(int parameter, object? value);

    public abstract void Dispose();
}
