using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Outreach.Residents.Import;

/// <summary>
/// One column of an <see cref="ImportStatement{T}"/>: reads its value from the source and hands it to the statement's
/// typed setter, through the model's value converter (enum as text, instants as ticks on SQLite) where the property
/// has one. Typed from end to end, so binding a row boxes nothing: the writing thread binds 17 values a row.
/// </summary>
internal abstract class ImportStatementColumn<T>
{
    public abstract void Bind(ImportStatement<T> statement, int parameter, T source);

    /// <summary>Hands a provider value to the setter of its type; value types other than integers and dates are boxed (PostgreSQL's instants).</summary>
    protected static void Set<TValue>(ImportStatement<T> statement, int parameter, TValue value)
    {
        if (value is null)
        {
            statement.SetNull(parameter);
        }
        else if (typeof(TValue) == typeof(string))
        {
            statement.SetText(parameter, Unsafe.As<TValue, string>(ref value));
        }
        else if (typeof(TValue) == typeof(int))
        {
            statement.SetInteger(parameter, Unsafe.As<TValue, int>(ref value));
        }
        else if (typeof(TValue) == typeof(int?))
        {
            statement.SetInteger(parameter, Unsafe.As<TValue, int?>(ref value).GetValueOrDefault());
        }
        else if (typeof(TValue) == typeof(long))
        {
            statement.SetInteger(parameter, Unsafe.As<TValue, long>(ref value));
        }
        else if (typeof(TValue) == typeof(long?))
        {
            statement.SetInteger(parameter, Unsafe.As<TValue, long?>(ref value).GetValueOrDefault());
        }
        else if (typeof(TValue) == typeof(DateOnly))
        {
            statement.SetDate(parameter, Unsafe.As<TValue, DateOnly>(ref value));
        }
        else if (typeof(TValue) == typeof(DateOnly?))
        {
            statement.SetDate(parameter, Unsafe.As<TValue, DateOnly?>(ref value).GetValueOrDefault());
        }
        else
        {
            statement.SetOther(parameter, value);
        }
    }
}

/// <summary>Makes the columns of the import's statements.</summary>
internal static class ImportStatementColumn
{
    /// <summary>A column reading <typeparamref name="TValue"/>, written through <paramref name="converter"/> when the property has one.</summary>
    public static ImportStatementColumn<T> Of<T, TValue>(Func<T, TValue> valueOf, ValueConverter? converter)
    {
        if (converter is null)
        {
            // Text, most of a row's columns, skips the general setter's type tests, which shared generic code for
            // reference types makes at run time.
            return valueOf is Func<T, string?> text ? new Text<T>(text) : new Unconverted<T, TValue>(valueOf);
        }

        // The converter's typed function, found once per statement; TValue may be the nullable form of its model type.
        var type = typeof(Converted<,,,>).MakeGenericType(typeof(T), typeof(TValue), converter.ModelClrType, converter.ProviderClrType);
        return (ImportStatementColumn<T>)Activator.CreateInstance(type, valueOf, converter)!;
    }

    private sealed class Unconverted<T, TValue>(Func<T, TValue> valueOf) : ImportStatementColumn<T>
    {
        public override void Bind(ImportStatement<T> statement, int parameter, T source) => Set(statement, parameter, valueOf(source));
    }

    private sealed class Text<T>(Func<T, string?> valueOf) : ImportStatementColumn<T>
    {
        public override void Bind(ImportStatement<T> statement, int parameter, T source)
        {
            if (valueOf(source) is { } value)
            {
                statement.SetText(parameter, value);
            }
            else
            {
                statement.SetNull(parameter);
            }
        }
    }

    private sealed class Converted<T, TValue, TModel, TProvider>(Func<T, TValue> valueOf, ValueConverter<TModel, TProvider> converter) : ImportStatementColumn<T>
    {
        private readonly Func<TModel, TProvider> toProvider = converter.ConvertToProviderTyped;

        public override void Bind(ImportStatement<T> statement, int parameter, T source)
        {
            if (valueOf(source) is TModel value)
            {
                Set(statement, parameter, toProvider(value));
            }
            else
            {
                statement.SetNull(parameter);
            }
        }
    }
}
