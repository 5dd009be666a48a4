namespace Outreach.Residents.Audiences;

public enum AudienceOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    In,
    NotIn,
    Contains,
    Has,
    Within,
    IsSet,
    IsNotSet,
}
