#!/usr/bin/env python3
"""Where a ReadyToRun build's CPU goes: `perf record -g` samples with our precompiled methods named.

perf cannot name methods in a ReadyToRun image (Site.dll is a PE file, not ELF) and the runtime's perf map only lists
JIT-compiled code. A publish with -p:PublishReadyToRunEmitSymbols=true writes NAME.ni.r2rmap next to each precompiled
assembly (RVA, size, method); perf reports addresses in those images as file offsets, which the PE section table turns
into RVAs. Each sample is then charged to its innermost frame in our code or a managed library (Site, Markdig,
ColorCode, YamlDotNet, AngleSharp, Spectre.Console, System.IO.Hashing); samples whose innermost frame is in
libcoreclr.so (the GC, allocation and type-system helpers) and Node's samples are counted apart.

  dotnet publish Site.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \\
      -p:PublishReadyToRunEmitSymbols=true -o /tmp/pub
  perf record -F 1999 -g -o /tmp/perf.data -- /tmp/pub/Site build --input IN --output OUT --cache-dir CACHE
  bench/perf-r2r.py /tmp/perf.data /tmp/pub [--top 50] [--inclusive] [--only REGEX]

--inclusive also lists methods by the samples under them; --only keeps samples with a frame matching REGEX.
"""
import argparse
import bisect
import collections
import glob
import os
import re
import struct
import subprocess

OURS = re.compile(r'\[(Site|Markdig|ColorCode\.Core|YamlDotNet|AngleSharp|Spectre\.Console[\w.]*|System\.IO\.Hashing)\.dll\]$')
FRAME = re.compile(r'^\s+([0-9a-f]+) (.*) \((.*)\)$')
HEAD = re.compile(r'^(.*?)\s+(\d+)\s+([\d.]+):')


def pe_sections(path):
    """(file offset, size, RVA) of each section of a PE image."""
    data = open(path, 'rb').read()
    pe = struct.unpack_from('<I', data, 0x3c)[0]
    count = struct.unpack_from('<H', data, pe + 6)[0]
    optional = struct.unpack_from('<H', data, pe + 20)[0]
    sections = []
    for i in range(count):
        at = pe + 24 + optional + 40 * i
        _vsize, rva, raw_size, raw_at = struct.unpack_from('<IIII', data, at + 8)
        sections.append((raw_at, raw_size, rva))
    return sections


def load_maps(pub):
    maps = {}
    for f in glob.glob(os.path.join(pub, '*.ni.r2rmap')):
        dll = os.path.basename(f)[:-len('.ni.r2rmap')] + '.dll'
        rows = []
        for line in open(f, errors='replace'):
            parts = line.rstrip('\n').split(' ', 2)
            if len(parts) < 3 or parts[0].startswith('FFFFFF'):
                continue
            rows.append((int(parts[0], 16), int(parts[1], 16), parts[2]))
        rows.sort()
        maps[dll] = ([r[0] for r in rows], rows, pe_sections(os.path.join(pub, dll)))
    return maps


def name(maps, offset, dll):
    keys, rows, sections = maps[dll]
    rva = offset
    for raw_at, raw_size, section_rva in sections:
        if raw_at <= offset < raw_at + raw_size:
            rva = offset - raw_at + section_rva
            break
    i = bisect.bisect_right(keys, rva) - 1
    if i >= 0 and rva < rows[i][0] + rows[i][1] + 64:
        return rows[i][2]
    return None


def short(method):
    m = re.search(r'([\w.`+<>$|]+)::([\w.<>`|$]+)\(', method)
    return (m.group(1).split('.')[-1] + '::' + m.group(2)) if m else method[:90]


def samples(data, maps):
    """Yields (command, [frame, ...] innermost first); a frame is (text, is ours)."""
    out = subprocess.run(['perf', 'script', '-i', data, '-F', 'comm,tid,time,ip,sym,dso'],
                         capture_output=True, text=True, errors='replace').stdout
    comm, frames = None, []
    for line in out.splitlines():
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
            continue
        if not line.startswith((' ', '\t')):
            m = HEAD.match(line)
            comm, frames = (m.group(1).strip() if m else '?'), []
            continue
        m = FRAME.match(line)
        if not m:
            continue
        dll = os.path.basename(m.group(3))
        text = f'{m.group(2)} ({dll})'
        if dll in maps:
            method = name(maps, int(m.group(1), 16), dll)
            if method:
                text = f'{method} [{dll}]'
        frames.append((text, bool(OURS.search(text))))
    if comm is not None:
        yield comm, frames


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('data')
    ap.add_argument('pub', help='the publish folder holding the .ni.r2rmap files')
    ap.add_argument('--top', type=int, default=50)
    ap.add_argument('--inclusive', action='store_true')
    ap.add_argument('--only')
    a = ap.parse_args()
    only = re.compile(a.only) if a.only else None
    maps = load_maps(a.pub)
    owner, inclusive, total = collections.Counter(), collections.Counter(), 0
    for comm, frames in samples(a.data, maps):
        total += 1
        if only and not any(only.search(t) for t, _ in frames):
            continue
        if comm == 'node':
            owner['[node]'] += 1
            continue
        if frames and 'libcoreclr.so' in frames[0][0]:
            owner['[runtime: GC, allocation, type loads]'] += 1
        else:
            own = next((short(t) for t, ours in frames if ours), None)
            owner[own or f'[other: {comm}]'] += 1
        seen = set()
        for t, ours in frames:
            s = short(t)
            if ours and s not in seen:
                inclusive[s] += 1
                seen.add(s)
    print(f'{total} samples; share of all samples, by innermost frame in our code or a managed library:')
    for k, v in owner.most_common(a.top):
        print(f'{100 * v / total:6.2f}% {k}')
    if a.inclusive:
        print('inclusive:')
        for k, v in inclusive.most_common(a.top):
            print(f'{100 * v / total:6.2f}% {k}')


if __name__ == '__main__':
    main()
