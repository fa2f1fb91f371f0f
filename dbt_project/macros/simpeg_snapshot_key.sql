{#- The key of one SIMPEG snapshot: the agency (or region, or file) and the as-of date. It is the unit the
    loader replaces (a re-export of the same agency and date replaces the earlier rows), so it is also the
    unit the incremental models delete and re-insert. -#}
{% macro simpeg_snapshot_key(alias=none) -%}
    {%- set p = (alias ~ '.') if alias else '' -%}
    coalesce({{ p }}agency_name, {{ p }}region_name, {{ p }}source_file) || '|' || strftime({{ p }}as_of_date, '%Y-%m-%d')
{%- endmacro %}

{#- Incremental filter for models over raw.simpeg_employees: only the snapshots whose file content
    (sha256) is not in the target yet. has_key_column: the input already carries snapshot_key. -#}
{% macro simpeg_new_snapshots_filter(alias=none, has_key_column=false) -%}
    {%- set p = (alias ~ '.') if alias else '' -%}
    ({{ (p ~ 'snapshot_key') if has_key_column else simpeg_snapshot_key(alias) }}, {{ p }}file_sha256) not in (
        select distinct snapshot_key, file_sha256 from {{ this }}
    )
{%- endmacro %}

{#- Post-hook for the same models: drop snapshots that are no longer in the raw zone in that version
    (a snapshot replaced by a file with the same key is re-inserted by delete+insert; this removes the
    rest, e.g. a snapshot whose agency name changed or that was withdrawn). -#}
{% macro simpeg_prune_stale_snapshots() -%}
    delete from {{ this }}
    where (snapshot_key, file_sha256) not in (
        select distinct {{ simpeg_snapshot_key() }}, file_sha256 from {{ source('raw', 'simpeg_employees') }}
    )
{%- endmacro %}
