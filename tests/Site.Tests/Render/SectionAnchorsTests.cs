using System.Collections.Immutable;
using Site.Core;
using Site.Normalize;
using Site.Render;
using Xunit;

namespace Site.Tests.Render;

public class SectionAnchorsTests
{
    private static readonly Note Note = new()
    {
        SourcePath = "n.md", FullPath = "/n.md", Title = "模型并行",
        Sections = ImmutableArray.Create(
            new Section { Level = 1, Number = "1.2", Title = "张量并行", Id = "张量并行" },
            new Section { Level = 1, Title = "ZeRO-3 Offload", Id = "zero-3-offload" },
            new Section { Level = 2, Number = "2", Title = "LoRA 微调", Id = "lora-微调" }),
    };

    [Theory]
    [InlineData("张量并行", "张量并行")]          // our id
    [InlineData("12-张量并行", "张量并行")]       // GitHub slug of "1.2 张量并行"
    [InlineData("1.2 张量并行", "张量并行")]      // raw heading text
    [InlineData("zero-3-offload", "zero-3-offload")]
    [InlineData("ZeRO-3 Offload", "zero-3-offload")]
    [InlineData("2-lora-微调", "lora-微调")]
    [InlineData("模型并行", "")]                 // the note's title: top of the page
    [InlineData("fn1", "fn1")]                   // footnotes
    [InlineData("不存在", null)]
    [InlineData("---", null)]
    public void Resolves_anchor_forms(string anchor, string? id) => Assert.Equal(id, SectionAnchors.Resolve(Note, anchor));
}
