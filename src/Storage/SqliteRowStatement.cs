using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Outreach.Storage;

/// <summary>
/// A prepared statement stepped directly on a SQLite connection's handle, inside whatever transaction the connection
/// holds, with parameters bound by position: Microsoft.Data.Sqlite looks each parameter up by name (and encodes the
/// name) on every execution, which costs more than writing the row. Values are bound as Microsoft.Data.Sqlite binds
/// them: text as UTF-8, integers (and booleans) as INTEGER, reals as REAL, dates as yyyy-MM-dd text. Binding and
/// stepping call the library directly (<see cref="SqliteEntryPoints"/>): a row costs a step, a reset and one call per
/// changed value. Used where one statement writes many rows: the residents import and <see cref="BulkRows"/>.
/// </summary>
public sealed unsafe class SqliteRowStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly IntPtr handle;
    private readonly int[] positions;
    private readonly Bound[] bound;
    private static readonly ConditionalWeakTable<sqlite3, Dictionary<string, SqliteRowStatement>> Prepared = [];
    private byte[] text = new byte[256];
    private bool kept;
    private bool disposed;

    /// <param name="parameterNames">The statement's parameters (as written in <paramref name="sql"/>), in the order the setters number them.</param>
    public SqliteRowStatement(SqliteConnection connection, string sql, IReadOnlyList<string> parameterNames)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameterNames);
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

    /// <summary>
    /// The statement prepared earlier for this SQL on this connection's handle, or a new one kept for the next caller.
    /// A pooled connection's handle outlives the connection object, and preparing (parsing and planning the SQL) cost
    /// more than writing the rows of a small batch. One caller at a time holds a connection, so one at a time uses its
    /// statements. Such a statement is not disposed by its callers: it goes with the handle.
    /// </summary>
    public static SqliteRowStatement Reused(SqliteConnection connection, string sql, IReadOnlyList<string> parameterNames)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sql);
        var statements = Prepared.GetValue(connection.Handle ?? throw new InvalidOperationException("The connection is not open."), _ => new(StringComparer.Ordinal));
        if (!statements.TryGetValue(sql, out var statement))
        {
            // Kept without the reference a disposable statement holds on its handle: the handle lives as long as this
            // object, which lives as long as the connection's handle, and is finalized with it.
            statement = new SqliteRowStatement(connection, sql, parameterNames) { kept = true };
            statement.statement.DangerousRelease();
            statements[sql] = statement;
        }

        // A step that failed in an earlier use may have left the statement in the middle of an execution.
        SqliteEntryPoints.Reset(statement.handle);
        return statement;
    }

    /// <summary>Whether statements can be made here; where not, callers use Microsoft.Data.Sqlite's commands.</summary>
    public static bool Available => SqliteEntryPoints.Available;

    /// <summary>Steps the statement once (it writes and returns no row); returns the number of rows it changed.</summary>
    public int Execute()
    {
        var rc = SqliteEntryPoints.Step(handle);
        var changed = rc == raw.SQLITE_DONE ? SqliteEntryPoints.Changes(db.DangerousGetHandle()) : 0;
        SqliteEntryPoints.Reset(handle);
        if (rc == raw.SQLITE_ROW)
        {
            throw new InvalidOperationException("The statement returned rows; use ExecuteReturningInteger.");
        }

        SqliteException.ThrowExceptionForRC(rc, db);
        return changed;
    }

    /// <summary>Steps a statement with <c>RETURNING</c> one integer column once: the value, or null when it wrote no row.</summary>
    public long? ExecuteReturningInteger()
    {
        var rc = SqliteEntryPoints.Step(handle);
        long? value = rc == raw.SQLITE_ROW ? SqliteEntryPoints.ColumnInt64(handle, 0) : null;
        // A RETURNING statement has made all its changes by its first row; the reset completes it.
        var reset = SqliteEntryPoints.Reset(handle);
        SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_ROW ? reset : rc, db);
        return value;
    }

    /// <summary>
    /// Steps a statement that returns rows: true when it stands on one (read it with the column getters), false when it
    /// has no more, and is then reset for the next execution. <see cref="Reset"/> ends an execution early.
    /// </summary>
    public bool Read()
    {
        var rc = SqliteEntryPoints.Step(handle);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        var reset = SqliteEntryPoints.Reset(handle);
        SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_DONE ? reset : rc, db);
        return false;
    }

    /// <summary>Ends the current execution before its last row; the bindings stay.</summary>
    public void Reset() => SqliteEntryPoints.Reset(handle);

    public bool IsNull(int column) => SqliteEntryPoints.ColumnType(handle, column) == raw.SQLITE_NULL;

    public long GetInteger(int column) => SqliteEntryPoints.ColumnInt64(handle, column);

    public double GetReal(int column) => SqliteEntryPoints.ColumnDouble(handle, column);

    public string GetText(int column)
    {
        // The text first, then its length: asking for the text may convert it, which changes the length.
        var utf8 = SqliteEntryPoints.ColumnText(handle, column);
        return utf8 is null ? string.Empty : Encoding.UTF8.GetString(utf8, SqliteEntryPoints.ColumnBytes(handle, column));
    }

    // SQLite keeps a statement's bindings from one execution to the next, so a value equal to the one already bound
    // (a batch's timestamp, a campaign id, a column left empty, zh-CN) is not bound again.
    public void SetNull(int parameter)
    {
        if (bound[parameter].Kind != BoundKind.Null)
        {
            Check(SqliteEntryPoints.BindNull(handle, positions[parameter]));
            bound[parameter] = new Bound(BoundKind.Null, 0, null);
        }
    }

    public void SetText(int parameter, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
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

    public void SetInteger(int parameter, long value)
    {
        if (bound[parameter] is not { Kind: BoundKind.Integer } held || held.Number != value)
        {
            Check(SqliteEntryPoints.BindInt64(handle, positions[parameter], value));
            bound[parameter] = new Bound(BoundKind.Integer, value, null);
        }
    }

    public void SetReal(int parameter, double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (bound[parameter] is not { Kind: BoundKind.Real } held || held.Number != bits)
        {
            Check(SqliteEntryPoints.BindDouble(handle, positions[parameter], value));
            bound[parameter] = new Bound(BoundKind.Real, bits, null);
        }
    }

    /// <summary>As Microsoft.Data.Sqlite writes dates: yyyy-MM-dd text.</summary>
    public void SetDate(int parameter, DateOnly value)
    {
        if (bound[parameter] is not { Kind: BoundKind.Date } held || held.Number != value.DayNumber)
        {
            // Written by hand: a custom format string goes through the general formatter, a visible share of a writing thread.
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

    public void Dispose()
    {
        if (!disposed && !kept)
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
        Real,
        Date,
    }

    /// <summary>What a parameter holds: an integer (a date as its day number, a real as its bits) or text.</summary>
    private readonly record struct Bound(BoundKind Kind, long Number, string? Text);
}
