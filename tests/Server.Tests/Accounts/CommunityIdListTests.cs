using Outreach.Server.Accounts;

namespace Outreach.Server.Tests.Accounts;

public sealed class CommunityIdListTests
{
    [Fact]
    public void Encodes_sorted_distinct_and_decodes_back() =>
        Assert.Equal([1, 2, 7], CommunityIdList.Decode(CommunityIdList.Encode([7, 2, 1, 2])));

    [Theory]
    [InlineData("1, 2", new[] { 1, 2 })]
    [InlineData("3，1 3", new[] { 1, 3 })]
    [InlineData("", new int[0])]
    public void Parses_what_staff_type(string input, int[] expected) => Assert.Equal(expected, CommunityIdList.ParseInput(input));

    [Theory]
    [InlineData("1, two")]
    [InlineData("-4")]
    [InlineData("0")]
    public void Refuses_anything_but_positive_numbers(string input) => Assert.Null(CommunityIdList.ParseInput(input));
}
