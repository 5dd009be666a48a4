using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Audiences;

/// <summary>
/// Translates a parsed audience into a LINQ predicate that EF Core turns into SQL on SQLite and PostgreSQL.
/// Values go in as closure members so EF sends them as parameters, never as SQL text.
/// </summary>
internal static class AudiencePredicate
{
    private static readonly ParameterExpression Resident = Expression.Parameter(typeof(Resident), "r");

    private static readonly MethodInfo LikeMethod = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;

    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    public static Expression<Func<Resident, bool>> Build(AudienceNode node, DateOnly today)
        => Expression.Lambda<Func<Resident, bool>>(Translate(node, today), Resident);

    private static Expression Translate(AudienceNode node, DateOnly today) => node switch
    {
        AndNode and => Expression.AndAlso(Translate(and.Left, today), Translate(and.Right, today)),
        OrNode or => Expression.OrElse(Translate(or.Left, today), Translate(or.Right, today)),
        NotNode not => Expression.Not(Translate(not.Operand, today)),
        ConditionNode condition => Condition(condition, today),
        _ => throw new NotSupportedException($"Audience node {node.GetType().Name} has no translation."),
    };

    private static Expression Condition(ConditionNode c, DateOnly today) => c.Kind switch
    {
        AudienceFieldKind.Text => Text(Member(c.Field), c),
        AudienceFieldKind.Community => Community(c),
        AudienceFieldKind.Phone => Phone(c),
        AudienceFieldKind.Channel => Channel(c),
        AudienceFieldKind.Age => Age(c, today),
        AudienceFieldKind.Tags => Tag((string)c.Values[0]),
        AudienceFieldKind.Date => c.Field == AudienceFields.BirthDate ? BirthDate(c, today) : CustomDate(c, today),
        _ => throw new NotSupportedException($"Audience field kind {c.Kind} has no translation."),
    };

    private static MemberExpression Member(string field) => field switch
    {
        "grid" => Expression.Property(Resident, nameof(Archive.Resident.Grid)),
        "building" => Expression.Property(Resident, nameof(Archive.Resident.Building)),
        "unit" => Expression.Property(Resident, nameof(Archive.Resident.Unit)),
        "household" => Expression.Property(Resident, nameof(Archive.Resident.Household)),
        "language" => Expression.Property(Resident, nameof(Archive.Resident.Language)),
        "name" => Expression.Property(Resident, nameof(Archive.Resident.Name)),
        _ => throw new NotSupportedException($"Audience text field {field} has no column."),
    };

    private static Expression Text(Expression column, ConditionNode c) => Text([column], c);

    /// <summary>A text test over one or more columns: it holds when any column matches (a phone or second phone).</summary>
    private static Expression Text(IReadOnlyList<Expression> columns, ConditionNode c)
    {
        var values = c.Values.Cast<string>().ToList();
        return c.Operator switch
        {
            AudienceOperator.Equal => Any(columns, col => Expression.Equal(col, Parameter(values[0]))),
            AudienceOperator.NotEqual => Expression.Not(Any(columns, col => Expression.Equal(col, Parameter(values[0])))),
            AudienceOperator.In => Any(columns, col => In(col, values)),
            AudienceOperator.NotIn => Expression.Not(Any(columns, col => In(col, values))),
            AudienceOperator.Contains => Any(columns, col => Expression.AndAlso(
                Expression.NotEqual(col, Expression.Constant(null, typeof(string))),
                Expression.Call(col, StringContains, Parameter(values[0])))),
            AudienceOperator.IsSet => Any(columns, IsSet),
            AudienceOperator.IsNotSet => Expression.Not(Any(columns, IsSet)),
            _ => throw Unsupported(c),
        };
    }

    private static Expression IsSet(Expression column) => Expression.AndAlso(
        Expression.NotEqual(column, Expression.Constant(null, typeof(string))),
        Expression.NotEqual(column, Expression.Constant(string.Empty)));

    private static Expression Any(IReadOnlyList<Expression> columns, Func<Expression, Expression> test)
        => columns.Select(test).Aggregate(Expression.OrElse);

    private static MethodCallExpression In(Expression column, List<string> values)
        => Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Parameter(values), column);

    /// <summary>"新河" finds 新河社区 too: staff name communities without the suffix.</summary>
    private static Expression Community(ConditionNode c)
    {
        var name = Expression.Property(Expression.Property(Resident, nameof(Archive.Resident.Community)), nameof(Archive.Community.Name));
        var names = c.Values.Cast<string>()
            .SelectMany(v => v.EndsWith("社区", StringComparison.Ordinal) ? [v] : new[] { v, v + "社区" })
            .ToList();
        return c.Operator switch
        {
            AudienceOperator.Equal or AudienceOperator.In => In(name, names),
            AudienceOperator.NotEqual or AudienceOperator.NotIn => Expression.Not(In(name, names)),
            _ => Text(name, c),
        };
    }

    private static Expression Phone(ConditionNode c) => Text(
        [Expression.Property(Resident, nameof(Archive.Resident.Phone)), Expression.Property(Resident, nameof(Archive.Resident.SecondPhone))], c);

    private static Expression Channel(ConditionNode c)
    {
        var column = Expression.Property(Resident, nameof(Archive.Resident.PreferredChannel));
        var any = c.Values.Cast<ContactChannel>()
            .Select(v => (Expression)Expression.Equal(column, Expression.Constant(v)))
            .Aggregate(Expression.OrElse);
        return c.Operator is AudienceOperator.NotEqual or AudienceOperator.NotIn ? Expression.Not(any) : any;
    }

    /// <summary>Ages become birth-date ranges so the comparison stays on the indexed column: age &gt;= 60 is born on or before today 60 years ago.</summary>
    private static Expression Age(ConditionNode c, DateOnly today)
    {
        var birth = Expression.Property(Resident, nameof(Archive.Resident.BirthDate));
        var known = Expression.NotEqual(birth, Expression.Constant(null, typeof(DateOnly?)));
        Expression AtLeast(int years) => Expression.LessThanOrEqual(birth, Parameter<DateOnly?>(today.AddYears(-years)));
        Expression AtMost(int years) => Expression.GreaterThan(birth, Parameter<DateOnly?>(today.AddYears(-(years + 1))));
        Expression Exactly(int years) => Expression.AndAlso(AtLeast(years), AtMost(years));
        var ages = c.Values.Cast<int>().ToList();
        return c.Operator switch
        {
            AudienceOperator.IsSet => known,
            AudienceOperator.IsNotSet => Expression.Not(known),
            AudienceOperator.GreaterOrEqual => AtLeast(ages[0]),
            AudienceOperator.Greater => AtLeast(ages[0] + 1),
            AudienceOperator.LessOrEqual => AtMost(ages[0]),
            AudienceOperator.Less => AtMost(ages[0] - 1),
            AudienceOperator.Equal => Exactly(ages[0]),
            AudienceOperator.NotEqual => Expression.AndAlso(known, Expression.Not(Exactly(ages[0]))),
            AudienceOperator.In => ages.Select(Exactly).Aggregate(Expression.OrElse),
            AudienceOperator.NotIn => Expression.AndAlso(known, Expression.Not(ages.Select(Exactly).Aggregate(Expression.OrElse))),
            _ => throw Unsupported(c),
        };
    }

    /// <summary>Tags are stored as "|a|b|" (see <see cref="TagList"/>), so one tag is a LIKE on that column.</summary>
    private static MethodCallExpression Tag(string tag)
    {
        var column = Expression.Convert(Expression.Convert(Expression.Property(Resident, nameof(Archive.Resident.Tags)), typeof(object)), typeof(string));
        return Expression.Call(LikeMethod, Expression.Constant(EF.Functions), column, Parameter(TagList.ContainsPattern(tag)));
    }

    private static Expression BirthDate(ConditionNode c, DateOnly today)
    {
        var birth = Expression.Property(Resident, nameof(Archive.Resident.BirthDate));
        var known = Expression.NotEqual(birth, Expression.Constant(null, typeof(DateOnly?)));
        return c.Operator switch
        {
            AudienceOperator.IsSet => known,
            AudienceOperator.IsNotSet => Expression.Not(known),
            _ => Expression.AndAlso(known, Compare(Expression.Convert(birth, typeof(DateOnly)), c, today)),
        };
    }

    private static Expression CustomDate(ConditionNode c, DateOnly today)
    {
        var date = Expression.Parameter(typeof(ResidentDate), "d");
        Expression test = Expression.Equal(Expression.Property(date, nameof(ResidentDate.Name)), Parameter(c.Field));
        if (c.Operator is not (AudienceOperator.IsSet or AudienceOperator.IsNotSet))
        {
            test = Expression.AndAlso(test, Compare(Expression.Property(date, nameof(ResidentDate.Value)), c, today));
        }

        var any = Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(ResidentDate)],
            Expression.Property(Resident, nameof(Archive.Resident.Dates)), Expression.Lambda<Func<ResidentDate, bool>>(test, date));
        return c.Operator == AudienceOperator.IsNotSet ? Expression.Not(any) : any;
    }

    /// <summary>"within 7 days" is from today through today + 7, both included.</summary>
    private static BinaryExpression Compare(Expression value, ConditionNode c, DateOnly today)
    {
        if (c.Operator == AudienceOperator.Within)
        {
            return Expression.AndAlso(
                Expression.GreaterThanOrEqual(value, Parameter(today)),
                Expression.LessThanOrEqual(value, Parameter(today.AddDays((int)c.Values[0]))));
        }

        var other = Parameter((DateOnly)c.Values[0]);
        return c.Operator switch
        {
            AudienceOperator.Equal => Expression.Equal(value, other),
            AudienceOperator.NotEqual => Expression.NotEqual(value, other),
            AudienceOperator.Less => Expression.LessThan(value, other),
            AudienceOperator.LessOrEqual => Expression.LessThanOrEqual(value, other),
            AudienceOperator.Greater => Expression.GreaterThan(value, other),
            AudienceOperator.GreaterOrEqual => Expression.GreaterThanOrEqual(value, other),
            _ => throw Unsupported(c),
        };
    }

    /// <summary>A member of a constant holder: what a C# closure looks like, so EF makes it a SQL parameter.</summary>
    private static MemberExpression Parameter<T>(T value)
        => Expression.Property(Expression.Constant(new Holder<T>(value)), nameof(Holder<T>.Value));

    private static NotSupportedException Unsupported(ConditionNode c)
        => new($"Audience operator {c.Operator} is not supported for {c.Field}; the parser should have rejected it.");

    private sealed record Holder<T>(T Value);
}
