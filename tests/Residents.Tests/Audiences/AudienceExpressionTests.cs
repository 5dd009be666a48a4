using Outreach.Residents.Archive;
using Outreach.Residents.Audiences;

namespace Outreach.Residents.Tests.Audiences;

public sealed class AudienceExpressionTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_text_is_everyone(string? text)
        => Assert.Same(AudienceExpression.Everyone, AudienceExpression.Parse(text));

    [Fact]
    public void And_binds_tighter_than_or()
    {
        var root = AudienceExpression.Parse("grid = \"A\" or grid = \"B\" and age >= 60").Root;
        var or = Assert.IsType<OrNode>(root);
        Assert.IsType<ConditionNode>(or.Left);
        Assert.IsType<AndNode>(or.Right);
    }

    [Fact]
    public void Parentheses_override_precedence_and_not_applies_to_the_group()
    {
        var root = AudienceExpression.Parse("not (grid = \"A\" or grid = \"B\") and age >= 60").Root;
        var and = Assert.IsType<AndNode>(root);
        var not = Assert.IsType<NotNode>(and.Left);
        Assert.IsType<OrNode>(not.Operand);
    }

    [Fact]
    public void Keywords_and_field_names_ignore_case()
    {
        var root = AudienceExpression.Parse("Community = \"新河\" AND Tags HAS \"Elderly\"").Root;
        var and = Assert.IsType<AndNode>(root);
        Assert.Equal("community", Assert.IsType<ConditionNode>(and.Left).Field);
        var tags = Assert.IsType<ConditionNode>(and.Right);
        Assert.Equal(AudienceOperator.Has, tags.Operator);
        Assert.Equal("elderly", tags.Values[0]);
    }

    [Theory]
    [InlineData("age >= 60", AudienceOperator.GreaterOrEqual)]
    [InlineData("age > 60", AudienceOperator.Greater)]
    [InlineData("age <= 60", AudienceOperator.LessOrEqual)]
    [InlineData("age < 60", AudienceOperator.Less)]
    [InlineData("age = 60", AudienceOperator.Equal)]
    [InlineData("age != 60", AudienceOperator.NotEqual)]
    [InlineData("age <> 60", AudienceOperator.NotEqual)]
    [InlineData("age in (60, 70)", AudienceOperator.In)]
    [InlineData("age not in (60, 70)", AudienceOperator.NotIn)]
    [InlineData("age is set", AudienceOperator.IsSet)]
    [InlineData("age is not set", AudienceOperator.IsNotSet)]
    [InlineData("checkup_due within 7 days", AudienceOperator.Within)]
    [InlineData("checkup_due before 2026-12-01", AudienceOperator.Less)]
    [InlineData("checkup_due after 2026-12-01", AudienceOperator.Greater)]
    [InlineData("checkup_due is set", AudienceOperator.IsSet)]
    [InlineData("name contains \"王\"", AudienceOperator.Contains)]
    public void Reads_every_operator(string text, AudienceOperator expected)
        => Assert.Equal(expected, Assert.IsType<ConditionNode>(AudienceExpression.Parse(text).Root).Operator);

    [Fact]
    public void Typed_values_come_out_of_the_parser()
    {
        var c = Assert.IsType<ConditionNode>(AudienceExpression.Parse("checkup_due before 2026/12/1").Root);
        Assert.Equal(new DateOnly(2026, 12, 1), c.Values[0]);
        Assert.Equal([60, 70], Assert.IsType<ConditionNode>(AudienceExpression.Parse("age in (60,70)").Root).Values.Cast<int>());
        Assert.Equal(14, Assert.IsType<ConditionNode>(AudienceExpression.Parse("vaccination_due within 2 weeks").Root).Values[0]);
        Assert.Equal(ContactChannel.Voice, Assert.IsType<ConditionNode>(AudienceExpression.Parse("channel = voice").Root).Values[0]);
        Assert.Equal("zh-CN", Assert.IsType<ConditionNode>(AudienceExpression.Parse("language = zh-cn").Root).Values[0]);
        Assert.Equal("+8613800138000", Assert.IsType<ConditionNode>(AudienceExpression.Parse("phone = \"138 0013 8000\"").Root).Values[0]);
    }

    [Fact]
    public void Chinese_values_names_quotes_and_brackets_are_accepted()
    {
        var root = AudienceExpression.Parse("社区 in （“新河”，“湖滨社区”） and 标签 has “独居”").Root;
        var and = Assert.IsType<AndNode>(root);
        var community = Assert.IsType<ConditionNode>(and.Left);
        Assert.Equal("community", community.Field);
        Assert.Equal(["新河", "湖滨社区"], community.Values.Cast<string>());
        Assert.Equal("独居", Assert.IsType<ConditionNode>(and.Right).Values[0]);
    }

    [Fact]
    public void Escaped_quote_inside_a_value_is_kept()
        => Assert.Equal("3\"A", Assert.IsType<ConditionNode>(AudienceExpression.Parse("building = \"3\\\"A\"").Root).Values[0]);

    [Fact]
    public void Unknown_field_names_are_custom_dates_stored_lower_case()
    {
        var c = Assert.IsType<ConditionNode>(AudienceExpression.Parse("Checkup_Due within 7 days").Root);
        Assert.Equal(("checkup_due", AudienceFieldKind.Date), (c.Field, c.Kind));
    }

    [Theory]
    [InlineData("community =", 11, "expected a value for community")]
    [InlineData("community \"新河\"", 10, "expected an operator after community")]
    [InlineData("age >= sixty", 7, "expected an age in whole years")]
    [InlineData("age has 60", 4, "has does not apply to age")]
    [InlineData("tags = \"elderly\"", 5, "= does not apply to tags; tags takes has")]
    [InlineData("community = \"新河", 12, "never closed")]
    [InlineData("(age >= 60", 10, "expected ')' to close the '(' at position 0")]
    [InlineData("age >= 60 grid = \"A\"", 10, "expected and, or or the end of the expression, found 'grid'")]
    [InlineData("age >= 60 and", 13, "expected a condition")]
    [InlineData("and age >= 60", 0, "expected a condition")]
    [InlineData("checkup_due within days", 19, "expected a number of days")]
    [InlineData("checkup_due within 7 months", 21, "expected days or weeks")]
    [InlineData("checkup_due before 2026-13-01", 19, "is not a date")]
    [InlineData("checkup_due before tomorrow", 19, "expected a date like 2026-12-01")]
    [InlineData("comunity = \"新河\"", 11, "so it is read as a date field")]
    [InlineData("age in ()", 8, "at least one value")]
    [InlineData("age in (60 70)", 11, "expected ',' or ')'")]
    [InlineData("channel = fax", 10, "expected sms or voice")]
    [InlineData("age is empty", 7, "expected 'set'")]
    [InlineData("age >= 60 & grid = \"A\"", 10, "unexpected character '&'")]
    [InlineData("age ! 60", 4, "expected '!='")]
    public void Errors_name_the_position_and_what_was_expected(string text, int position, string expected)
    {
        var error = Assert.Throws<AudienceSyntaxException>(() => AudienceExpression.Parse(text));
        Assert.Equal(position, error.Position);
        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
        Assert.Contains($"at position {position}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_returns_the_error_instead_of_throwing()
    {
        Assert.False(AudienceExpression.TryParse("age >=", out _, out var error));
        Assert.Equal(6, error!.Position);
        Assert.True(AudienceExpression.TryParse("age >= 6", out var audience, out _));
        Assert.Equal("age >= 6", audience.Text);
    }
}
