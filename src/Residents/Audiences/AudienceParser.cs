using System.Globalization;
using Outreach.Residents.Archive;
using Outreach.Telephony.PhoneNumbers;

namespace Outreach.Residents.Audiences;

/// <summary>
/// Recursive-descent parser of the audience language:
/// <code>
/// expression := and ("or" and)*
/// and        := unary ("and" unary)*
/// unary      := "not" unary | "(" expression ")" | condition
/// condition  := field ( op value | ["not"] "in" "(" value ("," value)* ")" | "has" value | "contains" value
///                     | "within" number ("days" | "weeks") | "before" date | "after" date | "is" ["not"] "set" )
/// </code>
/// Errors name the 0-based position and what was expected there.
/// </summary>
internal sealed class AudienceParser
{
    private static readonly PhoneNumberParser Phones = new();
    private readonly List<AudienceToken> tokens;
    private int next;

    private AudienceParser(string text) => tokens = AudienceTokenizer.Tokenize(text);

    private AudienceToken Current => tokens[next];

    public static AudienceNode Parse(string text)
    {
        var parser = new AudienceParser(text);
        var node = parser.ParseOr();
        if (parser.Current.Kind != AudienceTokenKind.End)
        {
            throw parser.Error($"expected and, or or the end of the expression, found {parser.Current.Describe()}");
        }

        return node;
    }

    private AudienceToken Advance() => tokens[next++];

    private AudienceSyntaxException Error(string message, AudienceToken? at = null) => new(message, (at ?? Current).Position);

    private AudienceNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsWord("or") || Current.Text == "或")
        {
            Advance();
            left = new OrNode(left, ParseAnd());
        }

        return left;
    }

    private AudienceNode ParseAnd()
    {
        var left = ParseUnary();
        while (Current.IsWord("and") || Current.Text == "且")
        {
            Advance();
            left = new AndNode(left, ParseUnary());
        }

        return left;
    }

    private AudienceNode ParseUnary()
    {
        var token = Current;
        if (token.IsWord("not"))
        {
            Advance();
            return new NotNode(ParseUnary(), token.Position);
        }

        if (token.Kind == AudienceTokenKind.LeftParen)
        {
            Advance();
            var inner = ParseOr();
            if (Current.Kind != AudienceTokenKind.RightParen)
            {
                throw Error($"expected ')' to close the '(' at position {token.Position}, found {Current.Describe()}");
            }

            Advance();
            return inner;
        }

        if (token.Kind == AudienceTokenKind.Word && !IsKeyword(token))
        {
            return ParseCondition();
        }

        throw Error($"expected a condition such as community = \"新河\", age >= 60 or tags has \"elderly\", found {token.Describe()}");
    }

    private static bool IsKeyword(AudienceToken token)
        => token.IsWord("and") || token.IsWord("or") || token.IsWord("in") || token.IsWord("has") || token.IsWord("is");

    private ConditionNode ParseCondition()
    {
        var fieldToken = Advance();
        var (field, kind, known) = AudienceFields.Resolve(fieldToken.Text);
        var operatorToken = Current;
        var op = ParseOperator(fieldToken.Text, kind);
        if (!AudienceFields.OperatorsOf(kind).Contains(op))
        {
            var takes = AudienceFields.DescribeOperators(kind);
            var hint = known ? string.Empty : $" ('{fieldToken.Text}' is not one of {AudienceFields.KnownNames}, so it is read as a date field)";
            throw Error($"{operatorToken.Text} does not apply to {field}; {field} takes {takes}{hint}", operatorToken);
        }

        IReadOnlyList<object> values = op switch
        {
            AudienceOperator.IsSet or AudienceOperator.IsNotSet => [],
            AudienceOperator.In or AudienceOperator.NotIn => ParseList(field, kind, known),
            AudienceOperator.Within => [ParseDays()],
            _ => [ParseValue(field, kind, known)],
        };
        return new ConditionNode(field, kind, op, values, fieldToken.Position);
    }

    private AudienceOperator ParseOperator(string field, AudienceFieldKind kind)
    {
        var token = Current;
        if (token.Kind == AudienceTokenKind.Operator)
        {
            Advance();
            return token.Text switch
            {
                "=" => AudienceOperator.Equal,
                "!=" => AudienceOperator.NotEqual,
                "<" => AudienceOperator.Less,
                "<=" => AudienceOperator.LessOrEqual,
                ">" => AudienceOperator.Greater,
                _ => AudienceOperator.GreaterOrEqual,
            };
        }

        if (token.Kind == AudienceTokenKind.Word)
        {
            var word = token.Text.ToLowerInvariant();
            Advance();
            switch (word)
            {
                case "in":
                    return AudienceOperator.In;
                case "has":
                    return AudienceOperator.Has;
                case "contains":
                    return AudienceOperator.Contains;
                case "within":
                    return AudienceOperator.Within;
                case "before":
                    return AudienceOperator.Less;
                case "after":
                    return AudienceOperator.Greater;
                case "not" when Current.IsWord("in"):
                    Advance();
                    return AudienceOperator.NotIn;
                case "is":
                    var negated = Current.IsWord("not");
                    if (negated)
                    {
                        Advance();
                    }

                    if (!Current.IsWord("set"))
                    {
                        throw Error($"expected 'set' after '{(negated ? "is not" : "is")}', found {Current.Describe()}");
                    }

                    Advance();
                    return negated ? AudienceOperator.IsNotSet : AudienceOperator.IsSet;
            }

            next--;
        }

        throw Error($"expected an operator after {field} ({AudienceFields.DescribeOperators(kind)}), found {token.Describe()}");
    }

    private List<object> ParseList(string field, AudienceFieldKind kind, bool known)
    {
        if (Current.Kind != AudienceTokenKind.LeftParen)
        {
            throw Error($"expected '(' to start the list after in, found {Current.Describe()}");
        }

        var open = Advance();
        var values = new List<object>();
        while (true)
        {
            if (Current.Kind == AudienceTokenKind.RightParen && values.Count == 0)
            {
                throw Error("expected at least one value in the list");
            }

            values.Add(ParseValue(field, kind, known));
            if (Current.Kind == AudienceTokenKind.Comma)
            {
                Advance();
                continue;
            }

            if (Current.Kind == AudienceTokenKind.RightParen)
            {
                Advance();
                return values;
            }

            throw Error($"expected ',' or ')' to close the list opened at position {open.Position}, found {Current.Describe()}");
        }
    }

    private int ParseDays()
    {
        var number = Current;
        if (number.Kind != AudienceTokenKind.Number)
        {
            throw Error($"expected a number of days after within, such as within 7 days, found {number.Describe()}");
        }

        Advance();
        var count = ParseInt(number, "a number of days");
        var unit = Current;
        var multiplier = unit.Text.ToLowerInvariant() switch
        {
            "day" or "days" or "天" => 1,
            "week" or "weeks" or "周" => 7,
            _ => throw Error($"expected days or weeks after {number.Text}, found {unit.Describe()}"),
        };
        Advance();
        return checked(count * multiplier);
    }

    private object ParseValue(string field, AudienceFieldKind kind, bool known)
    {
        var token = Current;
        switch (kind)
        {
            case AudienceFieldKind.Age when token.Kind == AudienceTokenKind.Number:
                Advance();
                return ParseInt(token, "an age in years");
            case AudienceFieldKind.Age:
                throw Error($"expected an age in whole years after {field}, such as 60, found {token.Describe()}");
            case AudienceFieldKind.Date when token.Kind == AudienceTokenKind.Date:
                Advance();
                return DateOnly.ParseExact(token.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            case AudienceFieldKind.Date:
                var hint = known ? string.Empty : $" ('{field}' is not one of {AudienceFields.KnownNames}, so it is read as a date field)";
                throw Error($"expected a date like 2026-12-01 for {field}, found {token.Describe()}{hint}");
        }

        if (token.Kind is not (AudienceTokenKind.String or AudienceTokenKind.Word or AudienceTokenKind.Number) || IsKeyword(token))
        {
            throw Error($"expected a value for {field} such as \"新河\", found {token.Describe()}");
        }

        Advance();
        return kind switch
        {
            AudienceFieldKind.Channel => ParseChannel(token),
            AudienceFieldKind.Phone => NormalisePhone(token.Text),
            AudienceFieldKind.Tags => Storage.TagList.Normalise(token.Text),
            _ when field == "language" => LanguageTag.Normalise(token.Text),
            _ => token.Text,
        };
    }

    private ContactChannel ParseChannel(AudienceToken token) => token.Text.ToLowerInvariant() switch
    {
        "sms" or "短信" => ContactChannel.Sms,
        "voice" or "call" or "电话" => ContactChannel.Voice,
        _ => throw Error($"expected sms or voice for channel, found {token.Describe()}", token),
    };

    /// <summary>A phone written like a clerk writes it is compared in E.164; a fragment is compared as typed.</summary>
    private static string NormalisePhone(string text) => Phones.Parse(text).E164 ?? text.Trim();

    private int ParseInt(AudienceToken token, string what)
        => int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 100_000
            ? value
            : throw Error($"expected {what}, but {token.Text} is too large", token);
}
