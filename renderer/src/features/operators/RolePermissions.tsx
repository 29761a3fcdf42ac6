// The roles' permission sets (角色权限): a permission per row, a role per column. Saving sends
// only the roles that changed; "restore defaults" puts back the three roles as shipped.
import { Alert, Button, Checkbox, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoleSet } from '../../../../shared/api/permissionSets';
import type { Language } from '../../../../shared/errors';
import {
  ADMIN_KEEPS,
  PERMISSION_NAMES,
  PERMISSIONS,
  ROLE_DEFAULTS,
  type Permission,
} from '../../../../shared/permissions';
import { ROLES, type Role } from '../../../../shared/roles';
import { useNotifyError } from '../../app/hooks';
import { useRoleSetsQuery, useSetRolePermissionsMutation } from './operatorsApi';

type Sets = Record<Role, readonly Permission[]>;

const setsOf = (list: readonly RoleSet[]): Sets => {
  const of = (role: Role) => list.find((r) => r.role === role)?.permissions ?? [];
  return { cashier: of('cashier'), supervisor: of('supervisor'), admin: of('admin') };
};

const sameSet = (a: readonly Permission[], b: readonly Permission[]) =>
  a.length === b.length && a.every((p) => b.includes(p));

export function RolePermissions({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const notifyError = useNotifyError();
  const roleSets = useRoleSetsQuery();
  const [save, saving] = useSetRolePermissionsMutation();
  // The sets as edited here; until the first change, as saved.
  const [edited, setSets] = useState<Sets | null>(null);
  const saved = roleSets.data;
  const sets = edited ?? (saved ? setsOf(saved) : null);
  const kept = (role: Role, p: Permission) => role === 'admin' && ADMIN_KEEPS.includes(p);

  const toggle = (role: Role, permission: Permission, on: boolean) =>
    setSets((before) => {
      // Until the first change, the sets as saved.
      const now = before ?? sets;
      return (
        now && {
          ...now,
          [role]: on
            ? PERMISSIONS.filter((p) => now[role].includes(p) || p === permission)
            : now[role].filter((p) => p !== permission),
        }
      );
    });

  const submit = async () => {
    if (!sets || !saved) return;
    for (const role of ROLES) {
      if (sameSet(setsOf(saved)[role], sets[role])) continue;
      const result = await save({ role, permissions: [...sets[role]] });
      if ('error' in result) return notifyError(result.error);
    }
    onClose();
  };

  return (
    <Modal
      open
      width={760}
      title={t('operators.roleSets')}
      onCancel={onClose}
      footer={[
        <Button key="defaults" onClick={() => setSets({ ...ROLE_DEFAULTS })}>
          {t('operators.restoreDefaults')}
        </Button>,
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="save"
          type="primary"
          loading={saving.isLoading}
          disabled={!sets}
          onClick={() => void submit()}
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('operators.roleSetsHint')}
      />
      <Table<{ permission: Permission }>
        rowKey="permission"
        size="small"
        pagination={false}
        loading={!sets}
        scroll={{ y: 380 }}
        // No ticks before the saved sets are in: an empty box would read as "not allowed".
        dataSource={sets ? PERMISSIONS.map((permission) => ({ permission })) : []}
        columns={[
          {
            title: t('operators.permission'),
            key: 'name',
            render: (_, { permission }) => PERMISSION_NAMES[permission][i18n.language as Language],
          },
          ...ROLES.map((role) => ({
            title: t(`roles.${role}`),
            key: role,
            width: 96,
            align: 'center' as const,
            render: (_: unknown, { permission }: { permission: Permission }) => (
              <Checkbox
                aria-label={`${t(`roles.${role}`)} · ${PERMISSION_NAMES[permission][i18n.language as Language]}`}
                checked={(sets?.[role].includes(permission) ?? false) || kept(role, permission)}
                disabled={kept(role, permission)}
                onChange={(e) => toggle(role, permission, e.target.checked)}
              />
            ),
          })),
        ]}
      />
    </Modal>
  );
}
