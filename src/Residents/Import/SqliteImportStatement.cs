using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Outreach.Residents.Import;

/// <summary>
/// An <see cref="ImportStatement{T}"/> stepped directly on the SQLite connection's handle, inside the transaction the
/// connection holds, with parameters bound by position: Microsoft.Data.Sqlite looks each parameter up by name (and
/// encodes the name) on every execution, which cost more than the insert itself. Values are bound as Microsoft.Data.Sqlite
/// binds them: text as UTF-8, integers as INTEGER, dates as yyyy-MM-dd text. Binding and stepping call the library
/// directly (<see cref="SqliteEntryPoints"/>): a row costs a step, a reset and one call per changed value.
/// </summary>
internal sealed unsafe class SqliteImportStatement<T> : ImportStatement<T>
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly IntPtr handle;
    private readonly int[] positions;
    private readonly Bound[] bound;
    private byte[] text = new byte[256];
    private bool disposed;

    public SqliteImportStatement(SqliteConnection connection, string sql, ImportStatementColumn<T>[] columns, IReadOnlyList<string> parameterNames)
        : base(columns)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        positions = [.. parameterNames.Select(name => raw.sqlite3_bind_parameter_index(statement, name))];
        bound = new Bound[positions.Length];

        // Held for the statement's life instead of around each call, so the handle cannot be released while in use.
        var added = false;
        statement.DangerousAddRef(ref added);
        handle = statement.DangerousGetHandle();
    }

    /// <summary>Whether statements can be made here; where not, the import uses Microsoft.Data.Sqlite's commands.</summary>
    public static bool Available => SqliteEntryPoints.Available;

    public override Task ExecuteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Execute();
        return Task.CompletedTask;
    }

    /// <summary>Steps the statement once; SQLite's steps are synchronous, so this is what <see cref="ExecuteAsync"/> does.</summary>
    public override void Execute()
    {
        var rc = SqliteEntryPoints.Step(handle);
        SqliteEntryPoints.Reset(handle);
        if (rc == raw.SQLITE_ROW)
        {
            throw new InvalidOperationException("The statement returned rows; these statements only write.");
        }

        SqliteException.ThrowExceptionForRC(rc, db);
    }

    // SQLite keeps a statement's bindings from one execution to the next, so a value equal to the one already bound
    // (the batch's timestamp, the community, a column the file leaves empty, zh-CN) is not bound again.
    public override void SetNull(int parameter)
    {
        if (bound[parameter].Kind != BoundKind.Null)
        {
            Check(SqliteEntryPoints.BindNull(handle, positions[parameter]));
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
            BindText(parameter, text.AsSpan(0, written));
            bound[parameter] = new Bound(BoundKind.Text, 0, value);
        }
    }

    public override void SetInteger(int parameter, long value)
    {
        if (bound[parameter] is not { Kind: BoundKind.Integer } held || held.Number != value)
        {
            Check(SqliteEntryPoints.BindInt64(handle, positions[parameter], value));
            bound[parameter] = new Bound(BoundKind.Integer, value, null);
        }
    }

    /// <summary>As Microsoft.Data.Sqlite writes dates: yyyy-MM-dd text.</summary>
    public override void SetDate(int parameter, DateOnly value)
    {
        if (bound[parameter] is not { Kind: BoundKind.Date } held || held.Number != value.DayNumber)
        {
            // Written by hand: a custom format string goes through the general formatter, a visible share of the writing thread.
            Span<byte> date = stackalloc byte[10];
            var (year, month, day) = value;
            Digits(date[..4], year);
            date[4] = (byte)'-';
            Digits(date.Slice(5, 2), month);
            date[7] = (byte)'-';
            Digits(date.Slice(8, 2), day);
            BindText(parameter, date);
            bound[parameter] = new Bound(BoundKind.Date, value.DayNumber, null);
        }
    }

    public override void SetOther(int parameter, object value)
        => throw new InvalidOperationException($"The import does not write values of type {value.GetType()}.");

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--, value /= 10)
        {
            destination[i] = (byte)('0' + (value % 10));
        }
    }

    private void BindText(int parameter, ReadOnlySpan<byte> utf8)
    {
        // SQLite binds NULL for a null pointer, which is what fixed gives for empty text: that points elsewhere.
        byte none = 0;
        fixed (byte* bytes = utf8)
        {
            Check(SqliteEntryPoints.BindText(handle, positions[parameter], utf8.IsEmpty ? &none : bytes, utf8.Length, SqliteEntryPoints.Transient));
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    public override void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            statement.DangerousRelease();
            statement.Dispose();
        }
    }

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
