namespace Outreach.Residents.Audiences;

/// <summary>The fields an audience can test, with the Chinese names staff may write instead.</summary>
internal static class AudienceFields
{
    public const string BirthDate = "birth_date";

    private static readonly Dictionary<string, (string Field, AudienceFieldKind Kind)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["community"] = ("community", AudienceFieldKind.Community),
        ["社区"] = ("community", AudienceFieldKind.Community),
        ["grid"] = ("grid", AudienceFieldKind.Text),
        ["网格"] = ("grid", AudienceFieldKind.Text),
        ["building"] = ("building", AudienceFieldKind.Text),
        ["楼栋"] = ("building", AudienceFieldKind.Text),
        ["unit"] = ("unit", AudienceFieldKind.Text),
        ["单元"] = ("unit", AudienceFieldKind.Text),
        ["household"] = ("household", AudienceFieldKind.Text),
        ["户号"] = ("household", AudienceFieldKind.Text),
        ["language"] = ("language", AudienceFieldKind.Text),
        ["语言"] = ("language", AudienceFieldKind.Text),
        ["name"] = ("name", AudienceFieldKind.Text),
        ["姓名"] = ("name", AudienceFieldKind.Text),
        ["phone"] = ("phone", AudienceFieldKind.Phone),
        ["电话"] = ("phone", AudienceFieldKind.Phone),
        ["channel"] = ("channel", AudienceFieldKind.Channel),
        ["渠道"] = ("channel", AudienceFieldKind.Channel),
        ["age"] = ("age", AudienceFieldKind.Age),
        ["年龄"] = ("age", AudienceFieldKind.Age),
        ["tags"] = ("tags", AudienceFieldKind.Tags),
        ["tag"] = ("tags", AudienceFieldKind.Tags),
        ["标签"] = ("tags", AudienceFieldKind.Tags),
        [BirthDate] = (BirthDate, AudienceFieldKind.Date),
        ["birthdate"] = (BirthDate, AudienceFieldKind.Date),
        ["出生日期"] = (BirthDate, AudienceFieldKind.Date),
    };

    public const string KnownNames = "community, grid, building, unit, household, language, channel, name, phone, age, tags, birth_date";

    /// <summary>Any other name is a custom date field such as checkup_due.</summary>
    public static (string Field, AudienceFieldKind Kind, bool IsKnown) Resolve(string name)
        => Known.TryGetValue(name, out var known)
            ? (known.Field, known.Kind, true)
            : (Archive.ResidentDate.NormaliseName(name), AudienceFieldKind.Date, false);

    public static AudienceOperator[] OperatorsOf(AudienceFieldKind kind) => kind switch
    {
        AudienceFieldKind.Text or AudienceFieldKind.Community or AudienceFieldKind.Phone =>
            [AudienceOperator.Equal, AudienceOperator.NotEqual, AudienceOperator.In, AudienceOperator.NotIn, AudienceOperator.Contains, AudienceOperator.IsSet, AudienceOperator.IsNotSet],
        AudienceFieldKind.Channel => [AudienceOperator.Equal, AudienceOperator.NotEqual, AudienceOperator.In, AudienceOperator.NotIn],
        AudienceFieldKind.Age =>
            [AudienceOperator.Equal, AudienceOperator.NotEqual, AudienceOperator.Less, AudienceOperator.LessOrEqual, AudienceOperator.Greater, AudienceOperator.GreaterOrEqual, AudienceOperator.In, AudienceOperator.NotIn, AudienceOperator.IsSet, AudienceOperator.IsNotSet],
        AudienceFieldKind.Tags => [AudienceOperator.Has],
        AudienceFieldKind.Date =>
            [AudienceOperator.Equal, AudienceOperator.NotEqual, AudienceOperator.Less, AudienceOperator.LessOrEqual, AudienceOperator.Greater, AudienceOperator.GreaterOrEqual, AudienceOperator.Within, AudienceOperator.IsSet, AudienceOperator.IsNotSet],
        _ => [],
    };

    /// <summary>How an error message lists the operators a field takes.</summary>
    public static string DescribeOperators(AudienceFieldKind kind)
        => string.Join(", ", OperatorsOf(kind).Select(Spell));

    public static string Spell(AudienceOperator op) => op switch
    {
        AudienceOperator.Equal => "=",
        AudienceOperator.NotEqual => "!=",
        AudienceOperator.Less => "<",
        AudienceOperator.LessOrEqual => "<=",
        AudienceOperator.Greater => ">",
        AudienceOperator.GreaterOrEqual => ">=",
        AudienceOperator.In => "in (…)",
        AudienceOperator.NotIn => "not in (…)",
        AudienceOperator.Contains => "contains",
        AudienceOperator.Has => "has",
        AudienceOperator.Within => "within N days",
        AudienceOperator.IsSet => "is set",
        AudienceOperator.IsNotSet => "is not set",
        _ => op.ToString(),
    };
}
