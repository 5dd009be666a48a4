using System.Runtime.InteropServices;
using SQLitePCL;

namespace Outreach.Storage;

/// <summary>
/// The few functions of the SQLite library Microsoft.Data.Sqlite loaded that a prepared statement needs on its hot path,
/// called directly: SQLitePCLRaw marshals every handle as a SafeHandle (a reference count taken and released around each
/// call) and makes each call a full managed-to-native transition. Binding a value, reading an integer column and counting
/// changes are short calls that never call back into .NET, so they skip the GC transition; stepping may write pages and wait, and resetting after a failed step rolls the
/// statement back, so they keep it.
/// </summary>
public static unsafe class SqliteEntryPoints
{
    /// <summary>SQLite copies text bound with this destructor before the call returns (SQLITE_TRANSIENT).</summary>
    public static readonly IntPtr Transient = new(-1);

    /// <summary>Whether the library exports them all; if not, statements go through Microsoft.Data.Sqlite's commands.</summary>
    public static readonly bool Available;

    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, int> BindNull;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, long, int> BindInt64;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, double, int> BindDouble;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, byte*, int, IntPtr, int> BindText;
    public static readonly delegate* unmanaged[Cdecl]<IntPtr, int> Step;
    public static readonly delegate* unmanaged[Cdecl]<IntPtr, int> Reset;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, long> ColumnInt64;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int> Changes;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, int> ColumnType;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, double> ColumnDouble;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, byte*> ColumnText;
    public static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, int> ColumnBytes;

    static SqliteEntryPoints()
    {
        if (NativeLibrary.TryLoad(raw.GetNativeLibraryName(), typeof(raw).Assembly, null, out var library)
            && NativeLibrary.TryGetExport(library, "sqlite3_bind_null", out var bindNull)
            && NativeLibrary.TryGetExport(library, "sqlite3_bind_int64", out var bindInt64)
            && NativeLibrary.TryGetExport(library, "sqlite3_bind_double", out var bindDouble)
            && NativeLibrary.TryGetExport(library, "sqlite3_bind_text", out var bindText)
            && NativeLibrary.TryGetExport(library, "sqlite3_step", out var step)
            && NativeLibrary.TryGetExport(library, "sqlite3_reset", out var reset)
            && NativeLibrary.TryGetExport(library, "sqlite3_column_int64", out var columnInt64)
            && NativeLibrary.TryGetExport(library, "sqlite3_changes", out var changes)
            && NativeLibrary.TryGetExport(library, "sqlite3_column_type", out var columnType)
            && NativeLibrary.TryGetExport(library, "sqlite3_column_double", out var columnDouble)
            && NativeLibrary.TryGetExport(library, "sqlite3_column_text", out var columnText)
            && NativeLibrary.TryGetExport(library, "sqlite3_column_bytes", out var columnBytes))
        {
            BindNull = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, int>)bindNull;
            BindInt64 = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, long, int>)bindInt64;
            BindDouble = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, double, int>)bindDouble;
            BindText = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, byte*, int, IntPtr, int>)bindText;
            Step = (delegate* unmanaged[Cdecl]<IntPtr, int>)step;
            Reset = (delegate* unmanaged[Cdecl]<IntPtr, int>)reset;
            ColumnInt64 = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, long>)columnInt64;
            Changes = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int>)changes;
            ColumnType = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, int>)columnType;
            ColumnDouble = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, double>)columnDouble;
            ColumnText = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, byte*>)columnText;
            ColumnBytes = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, int>)columnBytes;
            Available = true;
        }
    }
}
