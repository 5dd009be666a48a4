using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Outreach.Residents.Import;

/// <summary>
/// An <see cref="ImportStatement{T}"/> stepped directly on the SQLite connection's handle, inside the transaction the
/// connection holds, with parameters bound by position: Microsoft.Data.Sqlite looks each parameter up by name (and
/// encodes the name) on every execution, which cost more than the insert itself. Values are bound as Microsoft.Data.Sqlite
/// binds them: text as UTF-8, integers as INTEGER, dates as yyyy-MM-dd text.
/// </summary>
internal sealed class SqliteImportStatement<T> : ImportStatement<T>
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly int[] positions;
    private readonly Bound[] bound;
    private byte[] text = new byte[256];

    public SqliteImportStatement(SqliteConnection connection, string sql, ImportStatementColumn<T>[] columns, IReadOnlyList<string> parameterNames)
        : base(columns)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        positions = [.. parameterNames.Select(name => raw.sqlite3_bind_parameter_index(statement, name))];
        bound = new Bound[positions.Length];
    }

    public override Task ExecuteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Execute();
        return Task.CompletedTask;
    }

    /// <summary>Steps the statement once; SQLite's steps are synchronous, so this is what <see cref="ExecuteAsync"/> does.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(statement);
        try
        {
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    // SQLite keeps a statement's bindings from one execution to the next, so a value equal to the one already bound
    // (the batch's timestamp, the community, a column the file leaves empty, zh-CN) is not bound again.
    public override void SetNull(int parameter)
    {
        if (bound[parameter].Kind != BoundKind.Null)
        {
            Check(raw.sqlite3_bind_null(statement, positions[parameter]));
            bound[parameter] = new Bound(BoundKind.Null, 0, null);
        }
    }

    public override void SetText(int parameter, string value)
    {
        if (bound[parameter] is not { Kind: BoundKind.Text } held || !string.Equals(held.Text, value, StringComparison.Ordinal))
        {
            var length = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (length > text.Length)
            {
                text = new byte[Math.Max(length, text.Length * 2)];
            }

            // Encoded into a buffer reused across rows (SQLite copies the bytes), so binding text allocates nothing.
            var written = Encoding.UTF8.GetBytes(value, text);
            Check(raw.sqlite3_bind_text(statement, positions[parameter], text.AsSpan(0, written)));
            bound[parameter] = new Bound(BoundKind.Text, 0, value);
        }
    }

    public override void SetInteger(int parameter, long value)
    {
        if (bound[parameter] is not { Kind: BoundKind.Integer } held || held.Number != value)
        {
            Check(raw.sqlite3_bind_int64(statement, positions[parameter], value));
            bound[parameter] = new Bound(BoundKind.Integer, value, null);
        }
    }

    /// <summary>As Microsoft.Data.Sqlite writes dates: yyyy-MM-dd text.</summary>
    public override void SetDate(int parameter, DateOnly value)
    {
        if (bound[parameter] is not { Kind: BoundKind.Date } held || held.Number != value.DayNumber)
        {
            Span<byte> date = stackalloc byte[10];
            value.TryFormat(date, out var written, @"yyyy\-MM\-dd", CultureInfo.InvariantCulture);
            Check(raw.sqlite3_bind_text(statement, positions[parameter], date[..written]));
            bound[parameter] = new Bound(BoundKind.Date, value.DayNumber, null);
        }
    }

    public override void SetOther(int parameter, object value)
        => throw new InvalidOperationException($"The import does not write values of type {value.GetType()}.");

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, db);

    public override void Dispose() => statement.Dispose();

    private enum BoundKind
    {
        None,
        Null,
        Text,
        Integer,
        Date,
    }

    /// <summary>What a parameter holds: an integer (a date as its day number) or text.</summary>
    private readonly record struct Bound(BoundKind Kind, long Number, string? Text);
}
