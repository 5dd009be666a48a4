namespace Outreach.Residents.Import;

/// <summary>
/// One column of an <see cref="ImportStatement{T}"/>: how its value is read from the source and the model's value
/// converter (enum as text, tags as "|a|b|", instants as ticks on SQLite).
/// </summary>
internal readonly record struct ImportStatementColumn<T>(Func<T, object?> ValueOf, Func<object?, object?>? ToProvider)
{
    public object? ProviderValue(T source)
    {
        var value = ValueOf(source);
        return value is null || ToProvider is null ? value : ToProvider(value);
    }
}
