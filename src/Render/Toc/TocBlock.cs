using Markdig.Parsers;
using Markdig.Syntax;

namespace Site.Render.Toc;

/// <summary>A <c>[toc]</c> / <c>[TOC]</c> / <c>[[toc]]</c> line (Typora, Obsidian plugins, VitePress): the note's table of contents goes here.</summary>
public sealed class TocBlock : LeafBlock
{
    public TocBlock(BlockParser parser) : base(parser) { }
}
