namespace Outreach.Residents.Audiences;

/// <summary>
/// One test of one field: <c>age &gt;= 60</c>, <c>tags has "elderly"</c>, <c>checkup_due within 7 days</c>.
/// Values are already checked and typed by the parser: strings for text fields and tags, ints for age
/// (and for the days of <see cref="AudienceOperator.Within"/>), <see cref="DateOnly"/> for dates,
/// <see cref="Archive.ContactChannel"/> for channel.
/// </summary>
public sealed record ConditionNode(string Field, AudienceFieldKind Kind, AudienceOperator Operator, IReadOnlyList<object> Values, int Position)
    : AudienceNode(Position);
